using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Security;

/// <summary>
/// Counts wrong organiser keys per client. Once a client has used up its failures for the
/// window, its admin requests get 429 with Retry-After, so the key cannot be guessed at speed.
/// A right key is never counted.
/// </summary>
public sealed class AdminKeyThrottle(IOptionsMonitor<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures =
        RateLimits.FailuresPerClient(() => options.CurrentValue.AdminKeyFailuresPermitLimit, () => options.CurrentValue.Window);

    /// <summary>Whether this client may still be told "wrong key"; when not, the lease says when to retry.</summary>
    public RateLimitLease RecordFailure(HttpContext context) => _failures.AttemptAcquire(RateLimits.ClientKey(context));

    public void Dispose() => _failures.Dispose();
}
