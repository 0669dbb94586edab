using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Security;

/// <summary>
/// Counts wrong keys (the organiser key and the feed's read key, together) per client. Once a client
/// has used up its failures for the window, its keyed requests get 429 with Retry-After, so neither
/// key can be guessed at speed. A right key is never counted.
/// </summary>
public sealed class AdminKeyThrottle(IOptionsMonitor<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures =
        RateLimits.FailuresPerClient(() => options.CurrentValue.AdminKeyFailuresPermitLimit, () => options.CurrentValue.Window);

    /// <summary>Counts a wrong key; true when the client had none left, and then the 429 has been written.</summary>
    public async Task<bool> RefusedAfterFailureAsync(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(RateLimits.ClientKey(context));
        if (lease.IsAcquired)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await RateLimits.OnRejectedAsync(new OnRejectedContext { HttpContext = context, Lease = lease }, context.RequestAborted);
        return true;
    }

    public void Dispose() => _failures.Dispose();
}
