using System.Globalization;

namespace LocalGovStandard.Bench;

internal static class ColdStartReport
{
    /// <summary>The target: the shipped handler's median time to the first 200 at most this many times the bare app's.</summary>
    public const double TargetRatio = 1.5;

    /// <summary>What each stage the app marks stands for, in the order they happen.</summary>
    private static readonly Dictionary<string, string> StageMeanings = new()
    {
        ["main"] = "the runtime has started and entered Main (runtime and host start, assembly loading)",
        ["builder-created"] = "WebApplication.CreateBuilder: configuration, logging, Kestrel defaults",
        ["telemetry-added"] = "custom-handler hosting and OpenTelemetry registered",
        ["services-added"] = "every feature's services registered (Razor components, Data Protection, storage clients, email, ...)",
        ["host-built"] = "builder.Build(): the service provider (validated outside Production), the web host",
        ["endpoints-mapped"] = "every route mapped (minimal-API endpoints and their metadata, OpenAPI, the static-asset functions)",
        ["hosted-services-starting"] = "options validated on start (ValidateOnStart), hosted services about to start",
        ["storage-initialising"] = "the storage initialiser starts",
        ["storage-ready"] = "tables and containers created (only when it creates them) or left to the infrastructure",
        ["pipeline-built"] = "the middleware pipeline built, just before Kestrel listens",
        ["hosted-services-started"] = "every hosted service started (migrations, timers, the web server)",
        ["application-started"] = "the host reports the application started",
        ["first-request"] = "the first request reaches the app (after the bench's polling found the port open)",
        ["first-response"] = "the first 200 written: routing's first match, health's storage read, the JSON answer",
    };

    public static ColdStartResult Result(IReadOnlyList<ColdStartResult> results, string variant) => results.Single(r => r.Variant == variant);

    public static double Ratio(IReadOnlyList<ColdStartResult> results) =>
        Result(results, ColdStartScenario.ReadyToRun).MedianMs / Result(results, ColdStartScenario.Bare).MedianMs;

    public static string Verdict(IReadOnlyList<ColdStartResult> results) =>
        Ratio(results) <= TargetRatio ? $"at most {TargetRatio:0.0}x the bare app: met" : $"at most {TargetRatio:0.0}x the bare app: **missed**";

    /// <summary>The summary's cold-start rows (the full report and --cold-start-only write the same).</summary>
    public static void SummaryRows(MarkdownTable table, IReadOnlyList<ColdStartResult> results)
    {
        var readyToRun = Result(results, ColdStartScenario.ReadyToRun);
        var bare = Result(results, ColdStartScenario.Bare);
        table.Row("cold start", "ReadyToRun, median ms to first 200", readyToRun.MedianMs, "bare minimal-API app, same publish", bare.MedianMs, Ratio(results), Verdict(results));
        table.Row("cold start", "ReadyToRun, median CPU ms to first 200", readyToRun.MedianCpuMs, "bare minimal-API app, same publish", bare.MedianCpuMs, readyToRun.MedianCpuMs / bare.MedianCpuMs, "");
    }

    public static string Table(IReadOnlyList<ColdStartResult> results)
    {
        var bare = Result(results, ColdStartScenario.Bare);
        var readyToRun = Result(results, ColdStartScenario.ReadyToRun);
        var table = new MarkdownTable("publish", ">median ms to first 200", ">ratio to bare app", ">ratio to ReadyToRun", ">fastest ms", ">slowest ms",
            ">median CPU ms to first 200", ">CPU ratio to bare app", ">starts", ">publish size MB");
        foreach (var r in results)
        {
            table.Row(r.Variant, r.MedianMs, r.MedianMs / bare.MedianMs, r.MedianMs / readyToRun.MedianMs, r.MinMs, r.MaxMs,
                r.MedianCpuMs, r.MedianCpuMs / bare.MedianCpuMs, r.StartsMs.Count, r.PublishBytes / 1048576.0);
        }

        return table.ToString();
    }

    /// <summary>Where the shipped handler's start-up goes: each stage's median time since the process started, and since the stage before.</summary>
    public static string Breakdown(ColdStartResult result)
    {
        var table = new MarkdownTable("stage", ">median ms since process start", ">ms since the stage before", "what has happened by then");
        var before = 0.0;
        foreach (var stage in result.Stages)
        {
            table.Row(stage.Name, stage.MedianMs, stage.MedianMs - before, StageMeanings.GetValueOrDefault(stage.Name, ""));
            before = stage.MedianMs;
        }

        table.Row("200 seen by the bench", result.MedianMs, result.MedianMs - before, "the poll that got the 200 returns (median over starts)");
        return table.ToString();
    }

    public static string Section(IReadOnlyList<ColdStartResult> results, int runs)
    {
        var bare = Result(results, ColdStartScenario.Bare);
        var readyToRun = Result(results, ColdStartScenario.ReadyToRun);
        var creating = Result(results, ColdStartScenario.CreatingTables);
        var jit = Result(results, ColdStartScenario.Jit);
        var nothing = Result(results, ColdStartScenario.NothingPrecompiled);
        var saved = jit.MedianMs - readyToRun.MedianMs;
        return $"""
            ## Cold start: process start to the first 200 on /api/health

            The handler is published as `functions/publish.sh` publishes it (self-contained linux-x64,
            Release) twice, into `artifacts/bench/`: with ReadyToRun (what ships) and without. The baseline,
            `tools/LocalGovStandard.BareApp`, is a bare `WebApplication.CreateSlimBuilder` app with one
            `MapGet("/api/health")`, published the same way (self-contained linux-x64, ReadyToRun).
            Without ReadyToRun, the app's own assemblies and its NuGet packages are compiled by the JIT at
            run time, but the framework's assemblies from the runtime pack still carry their own precompiled
            code; the last row starts that same publish with `DOTNET_ReadyToRun=0`, which makes the runtime
            ignore all precompiled code, the framework's too.
            Each start runs the executable as the Functions host does (`FUNCTIONS_CUSTOMHANDLER_PORT`,
            Production) against a running Azurite, and polls `/api/health` every 5 ms from the moment
            the process is started until it answers 200 (the handler needs one storage read to answer).
            The handler's starts are as in Azure, where the Bicep has created the tables and containers
            (`Storage__CreateAtStart=false`), except the row *creating tables*, which creates them at
            start as the handler does against Azurite (local runs and tests). After one untimed start of
            each (which creates the tables), the {results.Count} take turns, {runs} timed starts each, so
            the baseline and the handler share the same moments of the machine's load; the figures are
            medians. Load average (1, 5, 15 minutes) at the end of the cold starts: {bare.LoadAverage}.
            The Functions host's own start-up, before it starts the handler, is not included. *CPU ms* is
            the process's own CPU time (user and system) when the 200 arrives: on a busy shared
            machine the wall time mostly measures waiting for a core, while the CPU time shows the work
            the start-up does.

            {Table(results)}
            **Target:** the shipped handler's median at most {TargetRatio:0.0} times the bare app's:
            {readyToRun.MedianMs.ToString("N0", CultureInfo.InvariantCulture)} ms against {bare.MedianMs.ToString("N0", CultureInfo.InvariantCulture)} ms, {Ratio(results).ToString("0.00", CultureInfo.InvariantCulture)} times: {(Ratio(results) <= TargetRatio ? "met" : "**missed**")}.
            Creating the tables and containers at start (Azurite) costs {(creating.MedianMs - readyToRun.MedianMs).ToString("N0", CultureInfo.InvariantCulture)} ms more at the median.
            At the median, ReadyToRun starts in {readyToRun.MedianMs.ToString("N0", CultureInfo.InvariantCulture)} ms against {jit.MedianMs.ToString("N0", CultureInfo.InvariantCulture)} ms without it
            ({saved.ToString("N0", CultureInfo.InvariantCulture)} ms less; on a machine this loaded the CPU figures are the steadier), and uses {readyToRun.MedianCpuMs.ToString("N0", CultureInfo.InvariantCulture)} ms of CPU against {jit.MedianCpuMs.ToString("N0", CultureInfo.InvariantCulture)} ms
            ({(jit.MedianCpuMs / readyToRun.MedianCpuMs).ToString("0.00", CultureInfo.InvariantCulture)} times as much without), for a package {((readyToRun.PublishBytes - jit.PublishBytes) / 1048576.0).ToString("0", CultureInfo.InvariantCulture)} MB larger.
            With no precompiled code at all, start-up takes {nothing.MedianMs.ToString("N0", CultureInfo.InvariantCulture)} ms and {nothing.MedianCpuMs.ToString("N0", CultureInfo.InvariantCulture)} ms of CPU.

            ### Where the shipped handler's start-up goes

            With `LOCALGOV_STARTUP_TIMELINE=1` the handler writes one line to stderr at each stage
            (`Platform/Telemetry/StartupTimeline.cs`) with the wall clock, which the bench subtracts from the
            moment it started the process. Medians over the {readyToRun.StartsMs.Count} timed starts of *{ColdStartScenario.ReadyToRun}*;
            a stage's median and the one before it need not come from the same start.

            {Breakdown(readyToRun)}
            What start-up no longer does before the first request: in Production it creates no tables or
            containers (`StorageRegistration.CreatesAtStart`: only against an emulator, or when
            `Storage__CreateAtStart` says so), and it does not validate the service provider
            (`ValidateOnBuild`/`ValidateScopes` stay on in tests and local runs, which start the same container).
            What remains is mostly framework work proportional to the app's size: mapping some 150 minimal-API
            routes (*endpoints-mapped*), the hosted services and the web host's pipeline starting alongside the
            first Azure SDK calls of the background migration (*pipeline-built*), and, at the first request,
            routing building every endpoint's request delegate by reflection before it can match one
            (*first-response*). The Request Delegate Generator, which would move that last part to compile
            time, cannot be switched on (below). Run `./build.sh bench --cold-start-only` to measure only this
            section; it replaces this section and the summary's cold-start rows and keeps the rest.

            {NativeAot}
            """;
    }

    /// <summary>What was found trying Native AOT and the Request Delegate Generator (not measured by every run: a finding, with its date).</summary>
    private const string NativeAot = """
        ### Native AOT and the Request Delegate Generator (tried 2026-12-04, not the default)

        - **Request Delegate Generator** (`EnableRequestDelegateGenerator=true`, which Native AOT needs and
          which alone would remove the first request's reflection): the build fails. The generator cannot see
          the Razor components' classes, because they are produced by the Razor source generator in the same
          compilation, so its generated code does not compile: `error CS0246: The type or namespace name
          'SignupFormPage' could not be found` (and the same for every page returned as
          `RazorComponentResult<TPage>`: `StartPage`, `CheckEmailPage`, `ApprovalsPage`, `DomainsPage`,
          `AssessmentListPage`, `RegisterPage`, `SignInPage`, `ConsoleHomePage`, `CookiesPage`, ...). It also
          reports `RDG011: Endpoints with generic type parameters are not supported` for the OData feed's two
          generic handlers (`Feed/FeedApi.cs`) and the timer endpoints (`Platform/Functions/TimerFunctionEndpoints.cs`),
          which would stay reflection-built.
        - **Native AOT** (`dotnet publish -r linux-x64 -p:PublishAot=true` on a scratch copy, warnings not
          treated as errors): it stops at the same place, because `PublishAot` switches the generator on:
          32 `CS0246` errors (the Razor pages above) and 3 `RDG011`. So the AOT compiler itself never ran, and
          the packages' own trim warnings (ClosedXML, DocumentFormat.OpenXml, the OData library, the Azure SDK)
          were not reached. The app's own code drew 65 `IL2026` and 55 `IL3050` warnings (code that needs
          reflection or run-time code generation), 32 `IL2066` and 2 `IL2091`:
          reflection-based `System.Text.Json` everywhere entities and tokens are stored or read
          (`JsonSerializer.Serialize/Deserialize` with `JsonSerializerOptions.Web` in `AssessmentModel`,
          `MonthlySnapshotEntity`, `SignedTokens`, `StandardCatalogue`, `PeerGroupEntity`, `MonthlyReportRunner`,
          `BinaryData.FromObjectAsJson` in `BackupManifest`; no `JsonSerializerContext` exists); the OData
          feed (`Feed/FeedApi.cs`, 10); `ValidateDataAnnotations` on every options class; `Type.MakeGenericType`
          in the API reference (`ApiRouteDocs`) and `SerializeToNode` in its transformer; and
          `RazorComponentResult<TComponent>`, whose component type must keep all its members
          (`ComponentParameters.cs`, `IL2091`/`IL2066`).
        - **What it would give:** Native AOT removes the runtime's start and the JIT altogether; a minimal API
          without any of the above typically answers its first request in a few tens of milliseconds, below
          the ReadyToRun bare app in the table. For this handler it would first need the pages out of the
          Request Delegate Generator's way (or the generator to see Razor output), source-generated JSON
          contexts for every stored and returned type, and ClosedXML, OpenXml and OData to be trim-safe or
          replaced; not measured here, because no AOT build of the handler could be produced.
        """;
}
