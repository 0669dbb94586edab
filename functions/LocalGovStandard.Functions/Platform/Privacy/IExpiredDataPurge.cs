namespace LocalGovStandard.Platform.Privacy;

/// <summary>
/// A feature's share of the daily purge (Signups' PurgeExpiredVerifications): what it keeps about someone only until they use an
/// emailed link, deleted once that link has been expired for the retention period. Registered as a singleton of this interface.
/// </summary>
public interface IExpiredDataPurge
{
    /// <param name="expiredBefore">Rows whose link expired before this go.</param>
    /// <returns>One sentence for the run's summary.</returns>
    Task<string> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken);
}
