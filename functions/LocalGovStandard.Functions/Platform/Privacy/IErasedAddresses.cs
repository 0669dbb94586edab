namespace LocalGovStandard.Platform.Privacy;

/// <summary>
/// Whether a person was erased after something was queued for them: asked before a queued email goes out, so mail
/// queued before an erasure (still waiting, or being tried) is never sent. Privacy's erasure list answers.
/// </summary>
public interface IErasedAddresses
{
    /// <returns>True when the contact with this address was erased after <paramref name="since"/>.</returns>
    Task<bool> ErasedSinceAsync(string address, DateTimeOffset since, CancellationToken cancellationToken);
}
