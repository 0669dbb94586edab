using Azure.Storage.Blobs;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Telemetry;
using LocalGovStandard.Platform.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform;

/// <summary>Shared plumbing: hosting, storage, email, errors, security. Features add their own parts.</summary>
public static class PlatformRegistration
{
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Under the Functions host, listen where it says (127.0.0.1:FUNCTIONS_CUSTOMHANDLER_PORT) and let
    /// it fire the timers and deliver the email queue. Standalone, listen on http://localhost:7071 as <c>func start</c> would.
    /// </summary>
    public static WebApplicationBuilder UseCustomHandlerHosting(this WebApplicationBuilder builder)
    {
        if (FunctionsHost.IsHosting(builder.Configuration))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration[FunctionsHost.PortSetting]}");
            builder.Configuration["Timers:RunInProcess"] = "false";
            builder.Configuration[$"{EmailQueueOptions.Section}:RunInProcess"] = "false";
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:7071");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = DefaultMaxRequestBodyBytes;
        });
        // Checking every registration costs a cold start in Azure about a tenth of a second; the container is the
        // same in every environment, and the tests and local runs (not Production) check it at every start.
        var validate = !builder.Environment.IsProduction();
        builder.Host.UseDefaultServiceProvider(provider =>
        {
            provider.ValidateOnBuild = validate;
            provider.ValidateScopes = validate;
        });
        return builder;
    }

    public static IServiceCollection AddPlatform(this IServiceCollection services)
    {
        services.AddStartupTimeline();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ServiceOptions>().BindConfiguration(ServiceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServiceOptions>, SigningKeyRequirement>();
        services.AddOptions<TimerSchedulerOptions>().BindConfiguration("Timers");
        services.AddOptions<ServiceContactOptions>().BindConfiguration(ServiceContactOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddStorage();
        services.AddEmail();
        services.AddEmailQueue();
        services.AddSingleton<AuditLog>();
        services.AddPersonalDataHolder<AuditPersonalData>();
        services.AddSingleton<SignedTokens>();
        services.AddProblemResponses();
        services.AddServiceRateLimits();
        services.AddServiceSecurityHeaders();
        services.AddPublicCompression();
        services.AddRazorComponents();
        services.AddDataProtection().SetApplicationName("LocalGovStandard");
        LoadKeyRingOnFirstUse(services);
        services.AddOptions<KeyManagementOptions>()
            .Configure<BlobServiceClient>((keys, blobs) => keys.XmlRepository = new BlobKeyRepository(blobs));
        // The key ring is a private blob without a key-encryption key, by decision (ADR 0005): the key manager's
        // "no XML encryptor" warning at every start is expected, so only its errors are logged.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "lgs-antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            // The framework's default is never Secure; over HTTPS (always, in Azure) it must be.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(ProxyTrust.Configure);
        services.AddHostedService<InProcessTimerScheduler>();
        return services;
    }

    /// <summary>
    /// Data Protection's own hosted service reads the key ring (a blob) before the server listens. The first cookie or form
    /// that is protected or read loads it just the same, so the health check and the API need not wait for it at start.
    /// </summary>
    private static void LoadKeyRingOnFirstUse(IServiceCollection services)
    {
        var atStart = services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService");
        if (atStart is not null)
        {
            services.Remove(atStart);
        }
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseFunctionInvocation();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteStatusPageAsync);
        app.UseServiceSecurityHeaders();
        app.UsePublicCompression();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Bare error statuses (unknown route, wrong method) get a GOV.UK page or ProblemDetails too.</summary>
    private static async Task WriteStatusPageAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (PageRequests.WantsHtml(context))
        {
            var notFound = context.Response.StatusCode == StatusCodes.Status404NotFound;
            var page = notFound
                ? new ComponentParameters<ErrorPage>()
                    .Set(p => p.Heading, "Page not found")
                    .Set(p => p.Detail, "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.")
                    .Set(p => p.ContactPrompt, "If the web address is correct or you selected a link or button, email")
                : new ComponentParameters<ErrorPage>()
                    .Set(p => p.Heading, "Sorry, there is a problem with the service")
                    .Set(p => p.Detail, "Go back and try again.")
                    .Set(p => p.ContactPrompt, "If you need help, email");
            await page.Result(context.Response.StatusCode).ExecuteAsync(context);
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context });
    }
}
