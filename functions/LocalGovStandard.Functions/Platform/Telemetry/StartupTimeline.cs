using System.Globalization;

namespace LocalGovStandard.Platform.Telemetry;

/// <summary>
/// When <c>LOCALGOV_STARTUP_TIMELINE=1</c>, each start-up stage writes one line to stderr,
/// <c>startup-timeline {stage} {Unix time in ms} {methods jitted} {JIT ms}</c>, so the cold-start benchmark can say where the time
/// before the first 200 goes (it notes the wall clock when it starts the process). Off, it costs one check.
/// </summary>
public static class StartupTimeline
{
    public const string Setting = "LOCALGOV_STARTUP_TIMELINE";
    public const string Prefix = "startup-timeline";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Setting) == "1";
    private static int _firstRequest;

    public static void Mark(string stage)
    {
        if (Enabled)
        {
            // Real time on purpose: the benchmark compares these marks with when it started the process.
            var unixMs = (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;
            // Then the methods the JIT has compiled so far and its time: what precompiled code did not cover.
            var jitMs = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Prefix} {stage} {unixMs:0.0} {System.Runtime.JitInfo.GetCompiledMethodCount()} {jitMs:0.0}"));
        }
    }

    /// <summary>Marks when the hosted services (storage, migrations, timers, the web server) start and have started.</summary>
    public static IServiceCollection AddStartupTimeline(this IServiceCollection services) =>
        Enabled ? services.AddHostedService<HostedServiceMarks>() : services;

    /// <summary>Marks when the server is listening, and when the first request arrives and is answered.</summary>
    public static WebApplication MarkServing(this WebApplication app)
    {
        if (!Enabled)
        {
            return app;
        }

        app.Lifetime.ApplicationStarted.Register(() => Mark("application-started"));
        app.Use(next =>
        {
            Mark("pipeline-built");
            return next;
        });
        app.Use(async (context, next) =>
        {
            var first = Interlocked.Exchange(ref _firstRequest, 1) == 0;
            if (first)
            {
                Mark("first-request");
            }

            await next(context);
            if (first)
            {
                Mark("first-response");
            }
        });
        return app;
    }

    private sealed class HostedServiceMarks : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => Marked("hosted-services-starting");

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Marked("hosted-services-started");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private static Task Marked(string stage)
        {
            Mark(stage);
            return Task.CompletedTask;
        }
    }
}
