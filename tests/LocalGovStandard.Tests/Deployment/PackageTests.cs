using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json.Nodes;
using Cronos;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Telemetry;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace LocalGovStandard.Tests.Deployment;

/// <summary>
/// The deployable package, artifacts/functionapp.zip, unzipped as Azure would: host.json at the root
/// pointing at an executable handler, one valid function.json per declared function, a
/// self-contained ReadyToRun linux-x64 handler with its static assets, and a handler that starts and
/// answers as the Functions host would run it. The zip is published first if it is missing or stale.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Package)]
public sealed class PackageTests(PackageTests.Package package) : IClassFixture<PackageTests.Package>
{
    private const string HandlerName = "LocalGovStandard.Functions";
    private const int UnixExecuteBits = 0b001_001_001;
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private static readonly string[] AuthLevels = ["anonymous", "function", "admin"];
    private static readonly string[] HttpMethods = ["get", "post", "put", "patch", "delete", "head", "options"];

    /// <summary>The service (for its endpoints and an Azurite), plus the package, current and unzipped.</summary>
    public sealed class Package : ServiceFixture
    {
        public static string ZipPath => Path.Combine(RepositoryPaths.Root, "artifacts", "functionapp.zip");

        public string Root { get; private set; } = default!;

        /// <summary>Each file's Unix mode as the zip records it (what Azure's unzip applies).</summary>
        public IReadOnlyDictionary<string, int> ZipModes { get; private set; } = default!;

        public string? PublishedBecause { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            PublishedBecause = PackageFreshness.WhyStale(ZipPath);
            if (PublishedBecause is not null)
            {
                await PackageFreshness.PublishAsync();
                var still = PackageFreshness.WhyStale(ZipPath);
                if (still is not null)
                {
                    throw new InvalidOperationException($"functions/publish.sh ran, but the package is still not current: {still}");
                }
            }

            Root = Directory.CreateTempSubdirectory("lgs-package-").FullName;
            using (var zip = ZipFile.OpenRead(ZipPath))
            {
                ZipModes = zip.Entries
                    .Where(e => !e.FullName.EndsWith('/'))
                    .ToDictionary(e => e.FullName, e => (e.ExternalAttributes >> 16) & 0xFFFF, StringComparer.Ordinal);
            }

            ZipFile.ExtractToDirectory(ZipPath, Root);
        }

        public override async Task DisposeAsync()
        {
            if (Root is not null && Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }

            await base.DisposeAsync();
        }
    }

    private string Root => package.Root;

    private JsonNode HostJson => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "host.json")))!;

    private string HandlerFolder => HostJson["customHandler"]!["description"]!["workingDirectory"]!.GetValue<string>();

    [Fact]
    public void HostJson_IsAtTheRoot_AsInTheRepository_AndForwardsHttpRequests()
    {
        var hostJson = HostJson;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json"))), hostJson),
            "host.json in the package differs from the repository's");
        Assert.Equal("2.0", hostJson["version"]!.GetValue<string>());
        Assert.True(hostJson["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("", hostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.True(Directory.Exists(Path.Combine(Root, HandlerFolder)), $"workingDirectory '{HandlerFolder}' is not in the package");
    }

    /// <summary>
    /// Core Tools cannot be installed on the build machines, so <c>func start</c> itself is not run here: this checks
    /// the folder holds what it reads (host.json with the custom handler, every function.json, the executable, and
    /// local.settings.json for Azurite), and that the handler in it starts and answers (the test below).
    /// </summary>
    [Fact]
    public void ThePublishedFolder_IsAFunctionAppCoreToolsRunsAsItIs_WithLocalSettingsForAzurite()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "functionapp");
        Assert.True(JsonNode.DeepEquals(HostJson, JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "host.json")))), "host.json in the folder differs from the zip's");
        Assert.NotNull(HostJson["customHandler"]!["description"]!["defaultExecutablePath"]);
        var executable = HostJson["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(folder, executable)).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable in the folder");
        var functions = Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(name => name != HandlerFolder).ToList();
        Assert.NotEmpty(functions);
        Assert.All(functions, function => Assert.True(File.Exists(Path.Combine(folder, function, "function.json")), $"{function}/function.json is not in the folder"));

        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "local.settings.json")))!;
        var expected = File.Exists(Path.Combine(RepositoryPaths.Root, "local.settings.json")) ? "local.settings.json" : "local.settings.example.json";
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, expected))), settings), $"local.settings.json is not the repository's {expected}");
        Assert.False(settings["IsEncrypted"]!.GetValue<bool>());
        var values = settings["Values"]!;
        Assert.Equal("custom", values["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]!.GetValue<string>());
        Assert.Equal(7071, settings["Host"]!["LocalHttpPort"]!.GetValue<int>());
    }

    [Fact]
    public void LocalSettings_NeverGoToAzure_AndRealOnesAreIgnoredByGit()
    {
        Assert.False(package.ZipModes.ContainsKey("local.settings.json"), "the zip Azure deploys holds local.settings.json");
        Assert.Contains("local.settings.json", File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".gitignore")));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "local.settings.example.json")));
    }

    [Fact]
    public void TheHandler_ThatHostJsonNames_ExistsAndIsExecutable()
    {
        var executable = HostJson["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
        var path = Path.Combine(Root, executable);

        Assert.True(File.Exists(path), $"defaultExecutablePath '{executable}' is not in the package");
        Assert.True(package.ZipModes.TryGetValue(executable, out var mode), $"'{executable}' is not an entry of the zip");
        Assert.True((mode & UnixFileTypeMask) == UnixRegularFile, $"the zip does not record '{executable}' as a Unix regular file (mode {Convert.ToString(mode, 8)})");
        Assert.True((mode & UnixExecuteBits) == UnixExecuteBits, $"the zip does not mark '{executable}' executable (mode {Convert.ToString(mode, 8)})");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"'{executable}' is not executable once unzipped");

        var magic = new byte[4];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(magic);
        }

        Assert.Equal("\u007fELF", Encoding.ASCII.GetString(magic));
    }

    [Fact]
    public void EveryFunctionFolder_HasAValidFunctionJson_AndTheFoldersAreExactlyTheDeclaredFunctions()
    {
        var declared = FunctionManifest.FromEndpoints([package.Service<EndpointDataSource>()]);
        var folders = Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>()
            .Where(name => name != HandlerFolder).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(declared.Select(f => f.Name).Order(StringComparer.Ordinal), folders);

        var expected = Directory.CreateTempSubdirectory("lgs-expected-functions-");
        try
        {
            FunctionManifest.WriteFunctionJsonFiles(declared, expected.FullName);
            foreach (var function in folders)
            {
                var file = Path.Combine(Root, function, "function.json");
                Assert.True(File.Exists(file), $"{function}/ has no function.json");
                Assert.Equal(["function.json"], Directory.GetFiles(Path.Combine(Root, function)).Select(Path.GetFileName));
                var json = JsonNode.Parse(File.ReadAllText(file)) ?? throw new InvalidOperationException($"{function}/function.json is empty");
                AssertValidBindings(function, json);
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path.Combine(expected.FullName, function, "function.json"))), json),
                    $"{function}/function.json is not what the endpoints declare now (republish)");
            }
        }
        finally
        {
            expected.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheHandler_IsSelfContainedForLinux_AndCompiledReadyToRun()
    {
        var handler = Path.Combine(Root, HandlerFolder);
        Assert.True(File.Exists(Path.Combine(handler, "libcoreclr.so")), "libcoreclr.so is missing: the handler is not self-contained for Linux");
        Assert.True(File.Exists(Path.Combine(handler, "System.Private.CoreLib.dll")), "the runtime's CoreLib is missing");

        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(handler, HandlerName + ".runtimeconfig.json")))!["runtimeOptions"]!;
        Assert.NotNull(runtimeConfig["includedFrameworks"]);
        Assert.Null(runtimeConfig["framework"]);
        Assert.Null(runtimeConfig["frameworks"]);

        using var assembly = File.OpenRead(Path.Combine(handler, HandlerName + ".dll"));
        Assert.True(PackageFreshness.IsReadyToRun(assembly), $"{HandlerName}.dll has no ReadyToRun code");
    }

    [Fact]
    public void TheStaticAssets_AndTheStandardsData_AreInside()
    {
        var handler = Path.Combine(Root, HandlerFolder);
        foreach (var asset in new[]
                 {
                     "wwwroot/static/govuk/govuk-frontend.min.css", "wwwroot/static/govuk/govuk-frontend.min.js",
                     "wwwroot/static/app/app.mjs", "wwwroot/assets/manifest.json",
                 })
        {
            Assert.True(File.Exists(Path.Combine(handler, asset)), $"{HandlerFolder}/{asset} is missing");
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(handler, "wwwroot", "assets", "images")));

        var project = Path.Combine(RepositoryPaths.Root, "functions", HandlerName);
        // Every file of the app's own static folder (the publish adds compressed .br/.gz copies beside them).
        foreach (var file in Directory.GetFiles(Path.Combine(project, "wwwroot", "static", "app")).Select(Path.GetFileName))
        {
            Assert.True(File.Exists(Path.Combine(handler, "wwwroot", "static", "app", file!)), $"{HandlerFolder}/wwwroot/static/app/{file} is missing");
        }

        var standards = Directory.GetFiles(Path.Combine(project, "Standards", "Data"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(standards);
        Assert.Equal(standards, Directory.GetFiles(Path.Combine(handler, "Standards", "Data"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheUnzippedHandler_StartsAndAnswers_AsTheFunctionsHostRunsIt()
    {
        var executable = Path.Combine(Root, HostJson["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        var port = FreePort.Next();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.Combine(Root, HandlerFolder),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AzureWebJobsStorage"] = package.Storage.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["LocalGovStandard__TokenSigningKey"] = "package-test-signing-key-0123456789abcdef";
        start.Environment.Remove(TelemetryRegistration.ConnectionStringSetting);
        start.Environment.Remove("ASPNETCORE_URLS");

        var output = new ConcurrentQueue<string>();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The handler did not start.");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { output.Enqueue(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { output.Enqueue("stderr: " + line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilListeningAsync(process, port, output);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

            var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"GET /api/health answered {(int)health.StatusCode}\n{string.Join('\n', output)}");
            Assert.Equal("healthy", JsonNode.Parse(await health.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());

            // A timer invocation the way the host posts it: the custom handler response shape comes back.
            using var timer = new HttpRequestMessage(HttpMethod.Post, "/PurgeExpiredVerifications")
            {
                Content = new StringContent("""{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}""", Encoding.UTF8, "application/json"),
            };
            var timerResponse = await client.SendAsync(timer);
            Assert.Equal(HttpStatusCode.OK, timerResponse.StatusCode);
            var invocation = JsonNode.Parse(await timerResponse.Content.ReadAsStringAsync())!.AsObject();
            Assert.True(invocation.ContainsKey("Outputs") && invocation.ContainsKey("Logs") && invocation.ContainsKey("ReturnValue"));

            // A request that logs (the body is over the 1 MB limit), with the host's invocation id:
            // under the host the console writes the entry as one line carrying that id.
            var invocationId = Guid.NewGuid().ToString();
            using var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/api/signups")
            {
                Content = new StringContent("{\"contactName\":\"" + new string('x', 1_100_000) + "\"}", Encoding.UTF8, "application/json"),
            };
            tooLarge.Headers.Add(FunctionInvocation.HeaderName, invocationId);
            // The client waits for 100-continue, so the handler's 413 always arrives before any of the body is sent.
            tooLarge.Headers.ExpectContinue = true;
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(tooLarge)).StatusCode);

            var logged = await EventuallyAsync(() => output.FirstOrDefault(l => l.Contains("InvocationId=" + invocationId, StringComparison.Ordinal)));
            Assert.True(logged is not null, "No console line carried the invocation id:\n" + string.Join('\n', output));
            Assert.StartsWith("info: LocalGovStandard.Platform.Errors.FaultExceptionHandler[", logged, StringComparison.Ordinal);
            Assert.Contains("Bad request", logged, StringComparison.Ordinal);
            Assert.Contains("POST /api/signups", logged, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static void AssertValidBindings(string function, JsonNode json)
    {
        var bindings = json["bindings"]?.AsArray() ?? throw new InvalidOperationException($"{function}/function.json has no bindings array");
        Assert.NotEmpty(bindings);
        var trigger = bindings[0]!;
        var type = trigger["type"]?.GetValue<string>();
        Assert.Equal("in", trigger["direction"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(trigger["name"]?.GetValue<string>()), $"{function}: the trigger has no name");

        switch (type)
        {
            case "httpTrigger":
                Assert.Contains(trigger["authLevel"]?.GetValue<string>(), AuthLevels);
                var methods = trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
                Assert.NotEmpty(methods);
                Assert.All(methods, m => Assert.Contains(m, HttpMethods));
                Assert.False(string.IsNullOrEmpty(trigger["route"]?.GetValue<string>()), $"{function}: an HTTP trigger needs a route");
                Assert.Equal(2, bindings.Count);
                Assert.Equal("http", bindings[1]!["type"]?.GetValue<string>());
                Assert.Equal("out", bindings[1]!["direction"]?.GetValue<string>());
                Assert.False(string.IsNullOrEmpty(bindings[1]!["name"]?.GetValue<string>()), $"{function}: the HTTP output has no name");
                break;
            case "timerTrigger":
                var schedule = trigger["schedule"]!.GetValue<string>();
                Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
                Assert.NotNull(CronExpression.Parse(schedule, CronFormat.IncludeSeconds).GetNextOccurrence(TestClock.FirstStart.UtcDateTime));
                Assert.Single(bindings);
                break;
            case "queueTrigger":
                Assert.False(string.IsNullOrEmpty(trigger["queueName"]?.GetValue<string>()), $"{function}: a queue trigger needs a queue name");
                Assert.False(string.IsNullOrEmpty(trigger["connection"]?.GetValue<string>()), $"{function}: a queue trigger needs a connection setting");
                Assert.Single(bindings);
                break;
            default:
                Assert.Fail($"{function}: bindings[0] is '{type}', not httpTrigger, timerTrigger or queueTrigger");
                break;
        }
    }

    private static async Task WaitUntilListeningAsync(Process process, int port, ConcurrentQueue<string> output)
    {
        var listening = FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60));
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(listening, exited) == exited)
        {
            throw new InvalidOperationException($"The handler exited with code {process.ExitCode} before listening:\n{string.Join('\n', output)}");
        }

        await listening;
    }

    private static async Task<string?> EventuallyAsync(Func<string?> find)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return find();
    }
}

/// <summary>
/// Whether artifacts/functionapp.zip is current, and publishing it when not. Stale means: missing,
/// older than any input of the publish step (the handler's sources and assets, host.json, the build
/// and package settings, package-lock.json for GOV.UK Frontend, publish.sh itself), or not ReadyToRun
/// (published with PUBLISH_READY_TO_RUN=false). ./build.sh test publishes before the tests, so there
/// the test finds it current and does not publish again.
/// </summary>
public static class PackageFreshness
{
    private static readonly string[] RootInputs =
        ["host.json", "Directory.Build.props", "Directory.Packages.props", "global.json", "package-lock.json", "functions/publish.sh", "local.settings.example.json"];

    public static string? WhyStale(string zipPath)
    {
        if (!File.Exists(zipPath))
        {
            return "it does not exist";
        }

        var built = File.GetLastWriteTimeUtc(zipPath);
        var newer = Inputs().FirstOrDefault(file => File.GetLastWriteTimeUtc(file) > built);
        if (newer is not null)
        {
            return $"{Path.GetRelativePath(RepositoryPaths.Root, newer)} is newer";
        }

        using var zip = ZipFile.OpenRead(zipPath);
        var entry = zip.GetEntry("handler/LocalGovStandard.Functions.dll");
        if (entry is null)
        {
            return "it has no handler/LocalGovStandard.Functions.dll";
        }

        using var copy = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        return IsReadyToRun(copy) ? null : "its handler is not ReadyToRun";
    }

    public static IEnumerable<string> Inputs()
    {
        var project = Path.Combine(RepositoryPaths.Root, "functions", "LocalGovStandard.Functions");
        var excluded = new[] { Path.Combine(project, "bin") + Path.DirectorySeparatorChar, Path.Combine(project, "obj") + Path.DirectorySeparatorChar };
        foreach (var file in Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories))
        {
            if (!excluded.Any(prefix => file.StartsWith(prefix, StringComparison.Ordinal)))
            {
                yield return file;
            }
        }

        foreach (var file in RootInputs.Select(f => Path.Combine(RepositoryPaths.Root, f)).Where(File.Exists))
        {
            yield return file;
        }
    }

    /// <summary>Runs functions/publish.sh (ReadyToRun on, as in Azure).</summary>
    public static async Task PublishAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepositoryPaths.Root, "functions", "publish.sh") },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PUBLISH_READY_TO_RUN"] = "true";
        start.Environment.Remove("PUBLISH_CONFIGURATION");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("functions/publish.sh did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("functions/publish.sh took more than 10 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"functions/publish.sh failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    /// <summary>
    /// A ReadyToRun image is flagged IL-library in its CLI header and has a managed native header
    /// whose first four bytes are the ReadyToRun signature "RTR\0". An IL-only build has neither.
    /// </summary>
    public static bool IsReadyToRun(Stream assembly)
    {
        using var reader = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        var cli = reader.PEHeaders.CorHeader;
        if (cli is null || (cli.Flags & CorFlags.ILLibrary) == 0 || cli.ManagedNativeHeaderDirectory.Size < 4)
        {
            return false;
        }

        if (!reader.PEHeaders.TryGetDirectoryOffset(cli.ManagedNativeHeaderDirectory, out var offset))
        {
            return false;
        }

        var image = reader.GetEntireImage();
        return image.GetReader(offset, 4).ReadUInt32() == 0x00525452;
    }
}
