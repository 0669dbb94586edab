using System.Reflection;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using LocalGovStandard.Platform.Functions;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LocalGovStandard.Platform.Telemetry;

/// <summary>
/// Traces, metrics and logs through OpenTelemetry (docs/decisions/0007-telemetry.md). The
/// instrumentation, with its redaction, is always on; the Azure Monitor exporter is added only when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, so locally and in the tests nothing is sent.
/// </summary>
public static class TelemetryRegistration
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string ServiceName = "LocalGovStandard.Functions";

    public static WebApplicationBuilder AddServiceTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        var connectionString = configuration[ConnectionStringSetting];
        var exporting = !string.IsNullOrWhiteSpace(connectionString);

        // Under the Functions host every stdout line becomes a log entry of its own: one line each, with the invocation id.
        if (FunctionsHost.IsHosting(configuration))
        {
            builder.Logging.AddConsole(console => console.FormatterName = FunctionsConsoleFormatter.FormatterName);
            builder.Logging.AddConsoleFormatter<FunctionsConsoleFormatter, ConsoleFormatterOptions>();
            if (exporting)
            {
                // The host sends stdout to Application Insights too: only warnings and errors twice, not every entry.
                builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
            }
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: ServiceVersion))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(TelemetryRedaction.ConfigureRequests)
                .AddHttpClientInstrumentation(TelemetryRedaction.ConfigureOutgoingCalls))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(
                // Registered before any exporter, so the record has its InvocationId when an exporter sees it.
                logging => logging.AddProcessor(new InvocationIdLogProcessor()),
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.ParseStateValues = true;
                    // Framework scopes carry raw request paths and URLs; the InvocationId is added by the processor.
                    options.IncludeScopes = false;
                });

        if (exporting)
        {
            var credential = CredentialFor(configuration[AuthenticationStringSetting]);
            telemetry.UseAzureMonitorExporter(monitor =>
            {
                monitor.ConnectionString = connectionString;
                monitor.Credential = credential;
            });
        }

        return builder;
    }

    /// <summary>
    /// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, as the Functions host reads it:
    /// <c>Authorization=AAD</c> sends with the app's system-assigned identity,
    /// <c>Authorization=AAD;ClientId=&lt;id&gt;</c> with a user-assigned one. Unset: the connection
    /// string's instrumentation key alone, which the Bicep's Application Insights refuses (local auth off).
    /// </summary>
    public static TokenCredential? CredentialFor(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidOperationException($"{AuthenticationStringSetting} must look like 'Authorization=AAD' or 'Authorization=AAD;ClientId=<id>'.");
            }

            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{AuthenticationStringSetting} supports only 'Authorization=AAD' (optionally with ';ClientId=<id>').");
        }

        return parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrEmpty(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    /// <summary>First in the pipeline: the invocation id for everything that follows.</summary>
    public static IApplicationBuilder UseFunctionInvocation(this IApplicationBuilder app) =>
        app.UseMiddleware<FunctionInvocationMiddleware>();

    private static string? ServiceVersion =>
        typeof(TelemetryRegistration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
}
