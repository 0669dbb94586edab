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
        var table = new MarkdownTable("stage", ">median ms since process start", ">ms since the stage before", ">methods the JIT has compiled", ">JIT ms so far", "what has happened by then");
        var before = 0.0;
        foreach (var stage in result.Stages)
        {
            table.Row(stage.Name, stage.MedianMs, stage.MedianMs - before, (long)Math.Round(stage.JitMethods), stage.JitMs, StageMeanings.GetValueOrDefault(stage.Name, ""));
            before = stage.MedianMs;
        }

        table.Row("200 seen by the bench", result.MedianMs, result.MedianMs - before, "", "", "the poll that got the 200 returns (median over starts)");
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
            Release) twice, into `artifacts/bench/`: with ReadyToRun (what ships: one composite image of the app,
            its packages and the framework, `PublishReadyToRunComposite`) and without. The baseline,
            `tools/LocalGovStandard.BareApp`, is a bare `WebApplication.CreateSlimBuilder` app with one
            `MapGet("/api/health")`, published the same way (self-contained linux-x64, composite ReadyToRun).
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
            moment it started the process, and the runtime's own count of the methods its JIT has compiled so far
            and the time it took (`System.Runtime.JitInfo`): what the precompiled code did not cover. Medians over the {readyToRun.StartsMs.Count} timed starts of *{ColdStartScenario.ReadyToRun}*;
            a stage's median and the one before it need not come from the same start.

            {Breakdown(readyToRun)}
            What start-up no longer does before the first request: in Production it creates no tables or
            containers (`StorageRegistration.CreatesAtStart`: only against an emulator, or when
            `Storage__CreateAtStart` says so), it does not validate the service provider
            (`ValidateOnBuild`/`ValidateScopes` stay on in tests and local runs, which start the same container),
            and it does not read Data Protection's key ring from its blob (the first cookie or form that needs
            it loads it). The Request Delegate Generator writes the minimal-API handlers' request delegates at
            compile time: before it, the routes' delegates were compiled from expression trees by reflection
            twice, once when the authorization middleware's policy cache listed every endpoint as the pipeline
            was built (*pipeline-built*) and again when routing built its matcher at the first request
            (*first-response*). The feed's 20 collection and count routes (`/odata/Councils`, `/odata/Councils/$count` and so on) now bind their
            `ODataQueryOptions<T>` inside the handler (`Feed/FeedQuery.cs`), so the generator writes them too;
            as parameters they were the last routes reflection built, 60 methods compiled with full optimisation,
            twice. The OData feed's model no longer searches every loaded assembly for derived
            types (all its entities are sealed), which took about a quarter of a second of *endpoints-mapped*.
            The composite ReadyToRun image precompiles what per-assembly ReadyToRun leaves to the JIT: generic
            code instantiated across assemblies, above all the async state machines of the Azure SDK, HttpClient
            and Kestrel over each other's types (about 2,500 methods compiled at start-up before, about 850 after).
            What remains is mostly framework work proportional to the app's size: building the service
            provider and the web host, mapping some 150 routes with their metadata and the feed's EDM model
            (*endpoints-mapped*), listing the endpoints for the policy cache and again for routing, the two
            one-off migrations' first reads (which run beside start-up and are where the Azure SDK's entity
            binder compiles its property accessors), the methods still compiled (reflection stubs for the
            `Results<...>` metadata, the SDK's accessors),             and the health check's first Azure SDK call (*first-response*). Run
            `./build.sh bench --cold-start-only` to measure only this
            section; it replaces this section and the summary's cold-start rows and keeps the rest.

            {NativeAot}
            """;
    }

    /// <summary>What was found trying Native AOT and the Request Delegate Generator (not measured by every run: a finding, with its date).</summary>
    private const string NativeAot = """
        ### Native AOT and the Request Delegate Generator (generator on since 2026-12-05; Native AOT builds but does not start)

        - **Request Delegate Generator** (`EnableRequestDelegateGenerator=true` in the handler's project, which
          Native AOT also needs): on. It failed on 2026-12-04 because handlers returned `RazorComponentResult<TPage>`,
          and the generator cannot see the Razor components' classes (the Razor source generator writes them in the
          same compilation), so its code did not compile (`error CS0246: The type or namespace name 'SignupFormPage'
          could not be found`, and the same for every page). Pages now declare the non-generic
          `RazorComponentResult` (`ComponentParameters<TPage>.Result()` returns it; the page type is still chosen by
          expression, and pages are not in the OpenAPI document, so no typed metadata is lost). The timer routes
          take their function from the request's services instead of a `TFunction` parameter. The OData feed's
          `/{set}` and `/{set}/$count` routes bound `ODataQueryOptions<T>` as a parameter, which the generator cannot
          generate (`RDG011: Endpoints with generic type parameters are not supported`); since 2026-12-05 (later) they
          bind it inside the handler (`Feed/FeedQuery.cs`, calling the library's own `BindAsync`), so only the
          library-mapped OpenAPI and Scalar routes stay reflection-built.
          One route bound differently under the generator: an optional `string[]` query parameter on a GET
          (`peerGroups` of the summit invitee preview) was read from the body until it was marked `[FromQuery]`
          (`OpenApiDocumentTests` caught it).
        - **Native AOT** (tried on 2026-12-05 with `dotnet publish -r linux-x64 -p:PublishAot=true` on a scratch copy,
          warnings not treated as errors; on 2026-12-04 it had stopped at the generator). **It builds, and the
          executable does not start.** The AOT compiler took about 14 minutes on this machine (peak memory about
          7 GB) and produced a 113 MB executable; with `TrimMode=partial` (only assemblies marked trimmable are
          trimmed) 142 MB. Both stop in the same place about 170 ms after start, before Kestrel listens:
          `MissingMethodException: No parameterless constructor defined for type 'Azure.Storage.Blobs.BlobClientOptions'`,
          thrown by Microsoft.Extensions.Azure's `ClientOptionsFactory`, which makes each Azure client's options
          by reflection over its constructors (reached through Data Protection's key ring in Blob Storage, while
          the pipeline is built). So the first blocker is how the storage clients are registered
          (`AddAzureClients`), and it would have to be replaced by constructing the clients directly before
          the next blocker could show. The compiler's analysis lists the rest: the app's own code draws 182
          `IL2026` and 164 `IL3050` warnings (68 and 59 distinct source lines, in 34 files) and 4 `IL2091`:
          reflection-based `System.Text.Json` wherever entities and tokens are stored or read
          (`JsonSerializer.Serialize/Deserialize` with `JsonSerializerOptions.Web` in `AssessmentModel`,
          `MonthlySnapshotEntity`, `PackEntity`, `PeerAssessmentRequestEntity`, `SignedTokens`, `StandardCatalogue`,
          `PeerGroupEntity`, `MonthlyReportRunner`, `BinaryData.FromObjectAsJson` in `BackupManifest`; no
          `JsonSerializerContext` covers them); the OData feed (`Feed/FeedApi.cs`); `ValidateDataAnnotations` on the
          options classes; `SerializeToNode` in the API reference's transformer; and `RazorComponentResult<TComponent>`,
          whose component type must keep all its members (`ComponentParameters.cs`, `IL2091`). The packages' own:
          trim warnings (`IL2104`) from Azure.Data.Tables, ClosedXML, Ical.Net, Microsoft.AspNetCore.Components and
          Components.Endpoints (the page rendering), Microsoft.AspNetCore.OData, Microsoft.OData.Edm and ModelBuilder,
          Microsoft.Extensions.Azure and Newtonsoft.Json (which SendGrid uses), and AOT warnings (`IL3053`) from
          Azure.Data.Tables, DocumentFormat.OpenXml, the Components assemblies, the OData assemblies, Newtonsoft.Json
          and System.Linq.Expressions. Each is a place where the native executable can fail at run time, as the
          first one did.
        - **What it would give:** measured on the bare app only, as the handler does not start. The bare app
          published with Native AOT (9 MB) answered its first 200 in a median of 143 ms against 349 ms for the
          same app with composite ReadyToRun, and used 100 ms of CPU against 250 ms (9 starts each, interleaved,
          2026-12-05 12:35 UTC, while the AOT compiler was running on the other core). That is about 2.5 times
          faster: the runtime's own start and the JIT are gone. How much of the handler's remaining time it would
          remove is not known until it runs; what is framework work proportional to the app (the service
          provider, about 150 routes and their metadata, the EDM model) would remain, only faster. It would
          need source-generated JSON contexts for every stored and returned type, the Azure clients constructed
          without Microsoft.Extensions.Azure, and ClosedXML, OpenXml, OData, the Azure Tables SDK's entity binder
          and Razor component rendering to be trim-safe or replaced.
        - **What blocks it for good, today:** the last of those is the framework's own answer, not a warning to
          work round. In .NET 10, `AddRazorComponents`, which every GOV.UK page of the service is rendered
          through, carries `[RequiresUnreferencedCode("Razor Components does not currently support trimming or
          native AOT.")]` (read from the shipped `Microsoft.AspNetCore.Components.Endpoints` on 2026-12-05), and
          ASP.NET Core's Native AOT compatibility table lists Blazor Server, whose components these are, as not
          supported. So the handler cannot be published with Native AOT while it renders its pages, and with
          ReadyToRun the breakdown above is what remains: framework work that grows with the app (the service
          provider, the routes and their metadata, the EDM model, the middleware pipeline), each stage already
          a fraction of what it was. Reaching 1.5x the bare app would take the pages out of the handler: a
          second function app for them, or pages rendered without Razor components.
        """;
}
