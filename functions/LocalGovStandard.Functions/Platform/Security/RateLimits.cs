using System.Globalization;
using System.Threading.RateLimiting;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Platform.Security;

public sealed class RateLimitOptions
{
    public const string Section = "LocalGovStandard:RateLimits";

    /// <summary>Requests per client per window on public forms and links (sign-up, verification).</summary>
    public int PublicFormsPermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Registrations for open meet-ups per client per window. Higher than <see cref="PublicFormsPermitLimit"/>: a council's staff
    /// share one office proxy address when a meet-up is announced, and mail is already held to one link per address per event.
    /// </summary>
    public int RegistrationsPermitLimit { get; set; } = 60;

    /// <summary>Wrong organiser keys per client per window before every admin request from it is refused with 429.</summary>
    public int AdminKeyFailuresPermitLimit { get; set; } = 10;
}

/// <summary>Per-client fixed windows on the public routes; 429 with Retry-After when a client goes over.</summary>
public static class RateLimits
{
    public const string PublicForms = "public-forms";
    public const string Registrations = "registrations";

    public static IServiceCollection AddServiceRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddSingleton<AdminKeyThrottle>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PublicForms, context => PerClient(context, options => options.PublicFormsPermitLimit));
            limiter.AddPolicy(Registrations, context => PerClient(context, options => options.RegistrationsPermitLimit));
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitOptions, int> permitLimit)
    {
        var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit(options),
            Window = options.Window,
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// A fixed-window count of failures per client, with no queue: one permit is spent per failure, and a
    /// client with none left is blocked until its window ends. The settings are read when a client is first seen.
    /// </summary>
    internal static PartitionedRateLimiter<string> FailuresPerClient(Func<int> permitLimit, Func<TimeSpan> window) =>
        PartitionedRateLimiter.Create<string, string>(client =>
            RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitLimit(),
                Window = window(),
                QueueLimit = 0,
            }));

    /// <summary>The client's address; under the Functions host, the one the host put in X-Forwarded-For (see <see cref="ProxyTrust"/>).</summary>
    internal static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var detail = $"You have made too many requests. Wait {retryAfter} seconds and try again.";
        if (PageRequests.WantsHtml(context))
        {
            await new ComponentParameters<ErrorPage>().Set(p => p.Heading, "Too many attempts").Set(p => p.Detail, detail).Result(429).ExecuteAsync(context);
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = 429, Title = ApiErrors.TooManyRequests.Title, Type = ApiErrors.TooManyRequests.Uri, Detail = detail },
        });
    }
}
