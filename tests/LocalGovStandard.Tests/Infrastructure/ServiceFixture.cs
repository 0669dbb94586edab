using System.Net.Http.Headers;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// One running service for a test class: real Azurite, the real SendGrid SDK against a loopback
/// capture server, and the real HTTP pipeline. Settings can be overridden per fixture.
/// </summary>
public class ServiceFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-5f0c";

    public ServiceFixture()
        : this(new Azurite())
    {
    }

    /// <summary>For a fixture whose storage must survive a restart (<see cref="Azurite.OnDisk"/>).</summary>
    protected ServiceFixture(Azurite storage) => Storage = storage;

    public Azurite Storage { get; }
    public SendGridCaptureServer SendGrid { get; } = new();
    public TestClock Clock { get; } = new();
    public LogCapture Logs { get; } = new();
    public LocalGovStandardFactory App { get; private set; } = default!;

    /// <summary>The host environment; "Development" maps the development-only pages.</summary>
    protected virtual string EnvironmentName => "Testing";

    /// <summary>Settings on top of the defaults; a subclass changes them for its tests.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>();

    /// <summary>Services on top of the app's own (after them); a subclass adds test doubles or exporters.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        await Task.WhenAll(Storage.StartAsync(), SendGrid.StartAsync());
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Storage.ConnectionString,
            ["SendGrid:ApiKey"] = "SG.test-key",
            ["SendGrid:Host"] = SendGrid.BaseUrl,
            ["SendGrid:FromEmail"] = "standard@localgov.digital",
            ["SendGrid:RetryBaseDelay"] = "00:00:00.050",
            ["SendGrid:AttemptTimeout"] = "00:00:05",
            ["LocalGovStandard:AdminKey"] = AdminKey,
            ["LocalGovStandard:TokenSigningKey"] = "service-fixture-signing-key-0123456789abcdef",
            ["LocalGovStandard:PublicBaseUrl"] = "http://localhost",
            ["LocalGovStandard:RateLimits:PublicFormsPermitLimit"] = "100000",
            ["LocalGovStandard:RateLimits:RegistrationsPermitLimit"] = "100000",
            ["LocalGovStandard:RateLimits:AdminKeyFailuresPermitLimit"] = "100000",
            ["LocalGovStandard:EmailsPerAddressPerHour"] = "100000",
            ["Timers:RunInProcess"] = "false",
            ["EmailQueue:PollInterval"] = "00:00:00.100",
            ["EmailQueue:RetryDelay"] = "00:00:00.200",
            ["EmailQueue:VisibilityTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in SettingOverrides)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings.Where(s => s.Key.EndsWith("Key", StringComparison.Ordinal)))
        {
            SuiteLogs.Secret(value);
        }

        App = new LocalGovStandardFactory(settings, Clock, Logs, EnvironmentName, ConfigureTestServices);
        StartApp(App);
        SendGrid.Settle = App.Services.GetRequiredService<IOptions<EmailQueueOptions>>().Value.RunInProcess
            ? () => EmailQueueSteps.DrainedAsync(this)
            : () => EmailQueueSteps.DeliverAsTheHostAsync(this);

        await StorageCreatedAsync();
        await StartupMigrationsAsync();
    }

    private static readonly TimeSpan StorageCreationLimit = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The app creates its tables and containers in Azurite at start, trying for 10 s and then again every 5 s in the
    /// background until they exist; until then a write answers 503. On a loaded machine starting many fixtures at once
    /// the first try can time out, so set-up waits for the app to report its storage ready (tests stop storage only
    /// after this). A fixture whose storage never comes up fails here, saying so, not later in a seeding request.
    /// </summary>
    private async Task StorageCreatedAsync()
    {
        try
        {
            await Service<StorageInitializer>().Ready.WaitAsync(StorageCreationLimit);
        }
        catch (TimeoutException)
        {
            var lastFault = Logs.Lines.LastOrDefault(line => line.Contains("Storage is not reachable", StringComparison.Ordinal)) ?? "no fault logged";
            throw new TimeoutException($"{GetType().Name}: the app had not created its tables and containers in Azurite after {StorageCreationLimit.TotalSeconds:0} s ({lastFault})");
        }
    }

    /// <summary>
    /// The one-off contact migration runs in the background at start, as it would before real traffic. Tests seed
    /// contacts straight into storage, so they wait for it: otherwise, on a slow machine, it can run after the seeding
    /// and send seeded contacts (whose council has no domains) back to wait for approval. A fixture whose storage is
    /// meant to be down never finishes it, so the wait is bounded.
    /// </summary>
    private async Task StartupMigrationsAsync()
    {
        if (App.Services.GetService<ContactApprovalMigration>()?.ExecuteTask is not { } migration)
        {
            return;
        }

        try
        {
            await migration.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            SuiteLogs.Record($"{GetType().Name}: the contact approval migration had not finished after 20 s; going on");
        }
    }

    /// <summary>
    /// True to run the app on Kestrel on a loopback port rather than the in-memory TestServer: for a browser,
    /// and for Kestrel's own limits (the request body size), which TestServer does not enforce.
    /// <see cref="CreateClient"/> then talks HTTP to it.
    /// </summary>
    protected virtual bool OnLoopback => false;

    /// <summary>Where the app listens when <see cref="OnLoopback"/>, for example http://127.0.0.1:45123/.</summary>
    public Uri? LoopbackUrl { get; private set; }

    private void StartApp(LocalGovStandardFactory app)
    {
        if (!OnLoopback)
        {
            _ = app.Server;
            return;
        }

        app.UseKestrel(0);
        app.StartServer();
        LoopbackUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        app.ClientOptions.BaseAddress = LoopbackUrl;
    }

    public HttpClient CreateClient() =>
        App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = App.ClientOptions.BaseAddress });

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        return client;
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// Null-safe, so a fixture whose start failed still stops its Azurite and capture server; and
    /// they are stopped even when stopping the app throws, so no emulator outlives its tests.
    /// </summary>
    public virtual async Task DisposeAsync()
    {
        try
        {
            if (App is not null)
            {
                await App.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                await SendGrid.DisposeAsync();
            }
            finally
            {
                await Storage.DisposeAsync();
            }
        }
    }
}

public sealed class LocalGovStandardFactory(
    IReadOnlyDictionary<string, string?> settings, TimeProvider clock, LogCapture logs, string environment, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(clock);
            configureServices?.Invoke(services);
        });
    }
}
