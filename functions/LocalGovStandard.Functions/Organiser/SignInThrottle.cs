using System.Threading.RateLimiting;
using LocalGovStandard.Platform.Security;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Organiser;

/// <summary>
/// Counts wrong organiser keys per client in fixed windows. Only failures count, so an organiser who
/// signs in often is never slowed; once a client has used up its failures, even the right key is
/// refused until the window ends, so guessing cannot tell when it has succeeded. Per instance: with N
/// instances a client gets N times the attempts, against a key far too long to guess that way.
/// </summary>
public sealed class SignInThrottle(IOptions<ConsoleOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures =
        RateLimits.FailuresPerClient(() => options.Value.SignInFailureLimit, () => options.Value.SignInFailureWindow);

    public static string ClientOf(HttpContext context) => RateLimits.ClientKey(context);

    /// <summary>How long a blocked client waits at most: the configured failure window.</summary>
    public TimeSpan Window => options.Value.SignInFailureWindow;

    public bool IsBlocked(string client) => _failures.GetStatistics(client)?.CurrentAvailablePermits == 0;

    public void RecordFailure(string client)
    {
        using var lease = _failures.AttemptAcquire(client);
    }

    public void Dispose() => _failures.Dispose();
}
