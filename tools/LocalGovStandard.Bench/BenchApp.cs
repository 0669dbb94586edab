using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Bench;

/// <summary>
/// The real app on a real loopback port (Kestrel, as the browser tests run it), over a fresh
/// in-memory Azurite, with SendGrid pointed at the loopback capture server. Rate limits are set
/// out of reach: every request of a benchmark comes from 127.0.0.1, one client to the limiter.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key";
    public const string EmailDomain = "bench.gov.uk";

    private readonly Factory? _factory;

    private BenchApp(Azurite storage, SendGridCaptureServer sendGrid, Factory? factory, Uri baseUrl)
    {
        Storage = storage;
        SendGrid = sendGrid;
        _factory = factory;
        BaseUrl = baseUrl;
    }

    public Azurite Storage { get; }
    public SendGridCaptureServer SendGrid { get; }
    public Uri BaseUrl { get; }
    public IServiceProvider Services => _factory!.Services;

    /// <param name="settings">Settings on top of the bench's own.</param>
    public static async Task<BenchApp> StartAsync(Func<Azurite, Task>? seedBeforeStart = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var storage = new Azurite();
        var sendGrid = new SendGridCaptureServer();
        Factory? factory = null;
        try
        {
            await Task.WhenAll(storage.StartAsync(), sendGrid.StartAsync());
            if (seedBeforeStart is not null)
            {
                await seedBeforeStart(storage);
            }

            var all = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage.ConnectionString,
                ["SendGrid:ApiKey"] = "SG.bench-key",
                ["SendGrid:Host"] = sendGrid.BaseUrl,
                ["LocalGovStandard:AdminKey"] = AdminKey,
                ["LocalGovStandard:PublicBaseUrl"] = "http://localhost",
                ["LocalGovStandard:AllowedEmailDomains"] = EmailDomain,
                ["LocalGovStandard:RateLimits:PublicFormsPermitLimit"] = "1000000",
                ["Timers:RunInProcess"] = "false",
                ["LocalGovStandard:TokenSigningKey"] = "bench-signing-key-0123456789abcdef0123456789",
                ["Logging:LogLevel:Default"] = "Error",
                ["Logging:LogLevel:Azure.Core"] = "Error",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            factory = new Factory(all);
            factory.UseKestrel(0);
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new BenchApp(storage, sendGrid, factory, new Uri(address));
        }
        catch
        {
            // A failed start must not leave an emulator running after this process exits.
            await new BenchApp(storage, sendGrid, factory, new Uri("http://127.0.0.1/")).DisposeAsync();
            throw;
        }
    }

    /// <summary>A client for many requests in flight: one connection per request, never a queue in the client.</summary>
    public HttpClient CreateClient(bool asOrganiser = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        if (asOrganiser)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }
        }
        finally
        {
            await SendGrid.DisposeAsync();
            await Storage.DisposeAsync();
        }
    }

    /// <summary>
    /// The factory starts the entry point of its type argument's assembly: any public type of the
    /// functions project will do (this project's own top-level Program hides the app's).
    /// </summary>
    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<LocalGovStandard.Platform.ServiceOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            // The tests find this through MvcTestingAppManifest.json in their working folder; the bench runs from the repository root.
            builder.UseContentRoot(Path.Combine(BenchArguments.RepositoryRoot, "functions", "LocalGovStandard.Functions"));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
