using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Telemetry;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// The app's own OpenTelemetry configuration (instrumentation and redaction) with in-memory
/// exporters in place of Azure Monitor: what would be exported carries no personal data and no
/// tokens, and what happens inside a Functions invocation carries the host's invocation id.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TelemetryTests(TelemetryTests.Fixture fixture) : IClassFixture<TelemetryTests.Fixture>
{
    public sealed class Fixture : ServiceFixture
    {
        public ThreadSafeCollection<Activity> Activities { get; } = new();
        public ThreadSafeCollection<LogRecord> LogRecords { get; } = new();
        public ThreadSafeCollection<MetricSnapshot> Metrics { get; } = new();

        // As under the Functions host, whose timer invocations only it may make.
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => FunctionsHostMode.Settings();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await TestRegister.ImportAsync(CreateAdminClient());
        }

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            // Added after the app's own processors, as the Azure Monitor exporter is.
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Activities));
            services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(LogRecords));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
            FunctionsHostMode.FromLoopback(services);
        }

        public void Flush()
        {
            App.Services.GetRequiredService<TracerProvider>().ForceFlush();
            App.Services.GetRequiredService<LoggerProvider>().ForceFlush();
            App.Services.GetRequiredService<MeterProvider>().ForceFlush();
        }
    }

    [Fact]
    public async Task PersonalDataAndTokens_NeverReachTracesMetricsOrLogs()
    {
        const string email = "grace.telemetry@camden.gov.uk";
        const string name = "Grace Telemetrysdottir";
        var client = fixture.CreateClient();

        // Sign up (email and name in the body), then look the sign-up up by its reference (in the path).
        var (signup, _) = await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Camden, email, name));
        Assert.Equal(HttpStatusCode.Accepted, signup.StatusCode);
        var reference = SignupSteps.ReferenceFor(fixture.SendGrid, email);
        var status = await client.GetAsync(new Uri($"/api/signups/{TestRegister.Camden.GssCode}/{reference}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);

        // Verify with the emailed token (in the query string).
        var verificationLink = SignupSteps.LatestVerificationLink(fixture.SendGrid, email);
        var verificationToken = verificationLink.Query["?token=".Length..];
        var verify = await EmailedLinkSteps.OpenAndPressAsync(client, verificationLink);
        Assert.Equal(HttpStatusCode.OK, verify.Status);

        // An organiser call with the key as ?code= (how the Functions host accepts function keys).
        var list = await client.GetAsync(new Uri($"/api/admin/signups?code={Uri.EscapeDataString(ServiceFixture.AdminKey)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);

        // An access link: asked for with the email in a form, opened and its button pressed, then another exchanged for a bearer token.
        var accessLink = await AccessSteps.RequestLinkAsync(fixture, email);
        var accessToken = AccessSteps.TokenOf(accessLink);
        var signIn = await EmailedLinkSteps.OpenAndPressAsync(client, accessLink);
        Assert.True(signIn.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"sign-in answered {(int)signIn.Status}");
        var bearer = await AccessSteps.BearerClientAsync(fixture, email);
        var bearerToken = bearer.DefaultRequestHeaders.Authorization!.Parameter!;
        var assessments = await bearer.GetAsync(new Uri("/api/assessments", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, assessments.StatusCode);

        // A sign-up the validator refuses, and a request for a page that does not exist, naming the person.
        var refused = await client.PostAsJsonAsync("/api/signups", SignupSteps.Body(TestRegister.Camden, "grace.telemetry@gmail.com", name));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var missing = await client.GetAsync(new Uri($"/people/{Uri.EscapeDataString(email)}?name={Uri.EscapeDataString(name)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        fixture.Flush();
        var secrets = new Dictionary<string, string>
        {
            ["email"] = email,
            ["email, URL-encoded"] = Uri.EscapeDataString(email),
            ["email's local part"] = "grace.telemetry",
            ["name"] = name,
            ["name's rarer part"] = "Telemetrysdottir",
            ["sign-up reference"] = reference,
            ["verification token"] = verificationToken,
            ["access link token"] = accessToken,
            ["bearer token"] = bearerToken,
            ["admin key"] = ServiceFixture.AdminKey,
        };

        var exported = ExportedText().ToList();
        Assert.NotEmpty(exported);
        var leaks = (from text in exported
                     from secret in secrets
                     where text.Value.Contains(secret.Value, StringComparison.OrdinalIgnoreCase)
                     select $"{secret.Key} in {text.Source}: {text.Value}").Distinct().ToList();
        Assert.True(leaks.Count == 0, "Telemetry carries personal data or tokens:\n" + string.Join('\n', leaks.Take(20)));

        // And it still says what happened: requests by route template, outgoing calls by service.
        var requests = fixture.Activities.Where(a => a.Kind == ActivityKind.Server).ToList();
        Assert.Contains(requests, a => Tag(a, "url.path") == "/api/signups/{councilCode}/{reference}" && Tag(a, "http.response.status_code") == "200");
        Assert.Contains(requests, a => Tag(a, "url.path") == "/signup/verify" && a.DisplayName == "GET /signup/verify");
        Assert.Contains(requests, a => Tag(a, "url.path") == "/signup/verify" && a.DisplayName == "POST /signup/verify");
        Assert.Contains(requests, a => Tag(a, "url.path") == "/api/admin/signups");
        Assert.Contains(requests, a => Tag(a, "url.path") == TelemetryRedaction.UnmatchedPath && Tag(a, "http.response.status_code") == "404");
        Assert.DoesNotContain(requests, a => a.TagObjects.Any(t => t.Key is "url.query" or "url.full" or "client.address"));
        var calls = fixture.Activities.Where(a => a.Kind == ActivityKind.Client && Tag(a, "url.full") is not null).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, call => Assert.Matches(@"^https?://[^/]+/[^/?(]*$", Tag(call, "url.full")));
        Assert.Contains(fixture.Metrics, m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task TheHostsInvocationId_IsOnTheRequestSpanAndOnEveryLogRecordOfTheInvocation()
    {
        var invocationId = Guid.NewGuid().ToString();
        var client = fixture.CreateClient();

        // A sign-up queues its email; the host's queue invocation sends it, and the send logs through HttpClient's logger.
        var (signup, _) = await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Westminster, "invocation.id@westminster.gov.uk"));
        Assert.Equal(HttpStatusCode.Accepted, signup.StatusCode);
        Azure.Storage.Queues.Models.QueueMessage[] queued = await EmailQueueSteps.Queue(fixture).ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + EmailQueueRegistration.FunctionName)
        {
            Content = EmailQueueSteps.HostContent(Assert.Single(queued)),
        };
        request.Headers.Add(FunctionInvocation.HeaderName, invocationId);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var span = await ExportedSpanAsync(a => a.Kind == ActivityKind.Server && Tag(a, FunctionInvocation.PropertyName) == invocationId);
        Assert.Equal("/" + EmailQueueRegistration.FunctionName, Tag(span, "url.path"));

        var records = fixture.LogRecords.Where(r => Attribute(r, FunctionInvocation.PropertyName) == invocationId).ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(span.TraceId, r.TraceId));
        var inTrace = fixture.LogRecords.Where(r => r.TraceId == span.TraceId).ToList();
        Assert.All(inTrace, r => Assert.Equal(invocationId, Attribute(r, FunctionInvocation.PropertyName)));

        var lines = fixture.Logs.Entries.Where(e => e.Scopes.Contains(new(FunctionInvocation.PropertyName, invocationId))).ToList();
        Assert.NotEmpty(lines);
    }

    [Fact]
    public async Task ATimerInvocation_CarriesItsInvocationId_AndOnlyAGuidIsTaken()
    {
        var callerValue = Guid.NewGuid().ToString();
        var hostValue = Guid.NewGuid().ToString();
        var client = fixture.CreateClient();

        // The host copies the caller's headers and then adds its own: the last value is the host's.
        using var timer = new HttpRequestMessage(HttpMethod.Post, "/PurgeExpiredVerifications")
        {
            Content = new StringContent("""{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}""", Encoding.UTF8, "application/json"),
        };
        timer.Headers.TryAddWithoutValidation(FunctionInvocation.HeaderName, [callerValue, hostValue]);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(timer)).StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        forged.Headers.TryAddWithoutValidation(FunctionInvocation.HeaderName, "grace@example.gov.uk");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(forged)).StatusCode);

        var span = await ExportedSpanAsync(a => Tag(a, "url.path") == "/PurgeExpiredVerifications" && Tag(a, FunctionInvocation.PropertyName) is not null);
        Assert.Equal(hostValue, Tag(span, FunctionInvocation.PropertyName));
        Assert.DoesNotContain(fixture.Activities, a => a.TagObjects.Any(t => t.Value?.ToString()?.Contains("grace@", StringComparison.Ordinal) == true));
        Assert.DoesNotContain(fixture.LogRecords, r => r.Attributes?.Any(a => a.Value?.ToString()?.Contains("grace@", StringComparison.Ordinal) == true) == true);
    }

    [Fact]
    public void ConsoleUnderTheHost_IsOneLinePerEntry_WithTheInvocationId_AndNoRequestPath()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var hosting = scopes.Push(new Dictionary<string, object?> { ["RequestPath"] = "/api/signups/E09000007/ABCD-1234" });
        using var invocation = scopes.Push(new InvocationScope("0f8fad5b-d9cb-469f-a165-70867728950e"));
        var exception = new InvalidOperationException("first line\nsecond line");
        var entry = new LogEntry<string>(LogLevel.Error, "LocalGovStandard.Test", new EventId(7), "Something failed", exception, (state, _) => state);
        using var text = new StringWriter();

        new FunctionsConsoleFormatter().Write(in entry, scopes, text);

        var output = text.ToString();
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        Assert.Equal(1, output.Count(c => c == '\n'));
        Assert.StartsWith("fail: LocalGovStandard.Test[7] InvocationId=0f8fad5b-d9cb-469f-a165-70867728950e Something failed | System.InvalidOperationException: first line | second line", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ABCD-1234", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AadAuthentication_SendsWithTheManagedIdentity()
    {
        Assert.Null(TelemetryRegistration.CredentialFor(null));
        Assert.Null(TelemetryRegistration.CredentialFor(""));
        Assert.IsType<ManagedIdentityCredential>(TelemetryRegistration.CredentialFor("Authorization=AAD"));
        Assert.IsType<ManagedIdentityCredential>(TelemetryRegistration.CredentialFor("Authorization=AAD;ClientId=8a7b6c5d-0000-4000-8000-000000000001"));
        Assert.Throws<InvalidOperationException>(() => TelemetryRegistration.CredentialFor("Authorization=Key"));
        Assert.Throws<InvalidOperationException>(() => TelemetryRegistration.CredentialFor("AAD"));
    }

    [Fact]
    public async Task WithAConnectionString_TheAzureMonitorExporterIsConfigured_WithTheManagedIdentity()
    {
        // Built, never started: nothing is sent and no token is asked for.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[TelemetryRegistration.ConnectionStringSetting] =
            "InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/";
        builder.Configuration[TelemetryRegistration.AuthenticationStringSetting] = "Authorization=AAD";
        builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7099";
        builder.AddServiceTelemetry();
        Assert.True(RegistersAzureMonitor(builder.Services));
        await using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.StartsWith("InstrumentationKey=00000000", options.ConnectionString, StringComparison.Ordinal);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);

        // The exporter's own defaults must not bring framework scopes (raw paths, URLs) back into exported logs.
        var logging = app.Services.GetRequiredService<IOptionsMonitor<OpenTelemetryLoggerOptions>>().CurrentValue;
        Assert.False(logging.IncludeScopes);
        Assert.True(logging.IncludeFormattedMessage);

        // Under the host the console goes to Application Insights as well: there it keeps only warnings and errors.
        var rules = app.Services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;
        Assert.Contains(rules, r => r.ProviderName == typeof(ConsoleLoggerProvider).FullName && r.CategoryName is null && r.LogLevel == LogLevel.Warning);
        Assert.Equal(FunctionsConsoleFormatter.FormatterName, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public void WithoutAConnectionString_NothingIsExported()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[TelemetryRegistration.ConnectionStringSetting] = "";
        builder.AddServiceTelemetry();

        Assert.False(RegistersAzureMonitor(builder.Services));
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(TracerProvider));
    }

    private static bool RegistersAzureMonitor(IServiceCollection services) =>
        services.Any(d => new[] { d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType(), d.ImplementationFactory?.Method.DeclaringType }
            .Any(t => t?.FullName?.Contains("Azure.Monitor", StringComparison.Ordinal) == true
                      || t?.GenericTypeArguments.Any(a => a.FullName?.Contains("Azure.Monitor", StringComparison.Ordinal) == true) == true));

    /// <summary>
    /// The one exported span that matches. The server span ends once the pipeline has finished, which can be just after the
    /// client has the response, so this waits for it (up to 10 s) instead of reading the exporter once.
    /// </summary>
    private async Task<Activity> ExportedSpanAsync(Func<Activity, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            fixture.Flush();
            if (fixture.Activities.Any(match))
            {
                break;
            }

            await Task.Delay(100);
        }

        fixture.Flush();
        return Assert.Single(fixture.Activities, a => match(a));
    }

    private static string? Tag(Activity activity, string key) => activity.GetTagItem(key)?.ToString();

    private static string? Attribute(LogRecord record, string key) =>
        record.Attributes?.FirstOrDefault(a => a.Key == key).Value?.ToString();

    /// <summary>Every piece of text the exporters were handed, with where it came from.</summary>
    private IEnumerable<(string Source, string Value)> ExportedText()
    {
        foreach (var activity in fixture.Activities)
        {
            var source = $"span '{activity.DisplayName}'";
            yield return (source, activity.DisplayName);
            yield return (source, activity.OperationName);
            yield return (source, activity.StatusDescription ?? "");
            foreach (var tag in activity.TagObjects)
            {
                yield return (source, $"{tag.Key}={tag.Value}");
            }

            foreach (var item in activity.Baggage)
            {
                yield return (source, $"baggage {item.Key}={item.Value}");
            }

            foreach (var activityEvent in activity.Events)
            {
                yield return (source, activityEvent.Name);
                foreach (var tag in activityEvent.Tags)
                {
                    yield return (source, $"{tag.Key}={tag.Value}");
                }
            }
        }

        foreach (var record in fixture.LogRecords)
        {
            var source = $"log record {record.CategoryName}";
            yield return (source, record.FormattedMessage ?? "");
            yield return (source, record.Body ?? "");
            yield return (source, record.Exception?.ToString() ?? "");
            foreach (var attribute in record.Attributes ?? [])
            {
                yield return (source, $"{attribute.Key}={attribute.Value}");
            }
        }

        foreach (var metric in fixture.Metrics)
        {
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    yield return ($"metric {metric.Name}", $"{tag.Key}={tag.Value}");
                }
            }
        }

        foreach (var line in fixture.Logs.Lines)
        {
            yield return ("log line", line);
        }
    }
}

/// <summary>An <see cref="ICollection{T}"/> the exporters can add to while a test reads it.</summary>
public sealed class ThreadSafeCollection<T> : ICollection<T>
{
    private readonly ConcurrentQueue<T> _items = new();

    public int Count => _items.Count;

    public bool IsReadOnly => false;

    public void Add(T item) => _items.Enqueue(item);

    public void Clear() => _items.Clear();

    public bool Contains(T item) => _items.Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => _items.ToArray().CopyTo(array, arrayIndex);

    public bool Remove(T item) => throw new NotSupportedException();

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items.ToArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
