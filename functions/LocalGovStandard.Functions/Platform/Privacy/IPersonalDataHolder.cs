namespace LocalGovStandard.Platform.Privacy;

/// <summary>
/// Whom a UK GDPR request is about: everything a holder needs to find them in what it keeps. Someone who is not a contact
/// (a meet-up registrant) is known by their address alone: their key is the address's, and GssCode, Region, Reference and
/// Name are empty, so a holder that finds people by council and reference must ask <see cref="IsContact"/> rather than match empties.
/// </summary>
public sealed record DataSubject(string GssCode, string Region, string Reference, string ContactKey, string Name, string Email, DateTimeOffset SignedUpAt)
{
    public bool IsContact => Reference.Length > 0;

    /// <param name="since">The earliest moment anything about them can have been recorded (the audit trail is read from that month).</param>
    public static DataSubject ByAddress(string email, string contactKey, DateTimeOffset since) => new("", "", "", contactKey, "", email, since);
}

/// <summary>When a holder erases: records first; then the audit trail, including what the other holders' changes wrote; the contact row, which is how the person is found, last.</summary>
public enum ErasureStage
{
    Records,
    AuditTrail,
    ContactRow,
}

/// <summary>
/// A feature that keeps personal data about contacts, in the tables or blob containers it names in
/// <see cref="HoldsPersonalDataAttribute"/>. Each registers itself with
/// <see cref="PersonalDataHolders.AddPersonalDataHolder{T}"/>; Privacy's export and erasure go through every one.
/// </summary>
public interface IPersonalDataHolder
{
    ErasureStage Stage => ErasureStage.Records;

    /// <summary>Adds what it holds about the person to the export's sections, under section names of its own.</summary>
    Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken);

    /// <summary>Erases what it holds about the person; safe to repeat. Counts what it erased on <paramref name="erasure"/>.</summary>
    Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken);

    /// <summary>After the contact row is gone: rebuilds copies derived from the records (<see cref="ErasureProgress.ToRebuild"/>, kept on the erasure row).</summary>
    Task FinishAsync(IReadOnlyList<string> toRebuild, ErasureProgress erasure, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The tables (<c>TableNames</c>) and blob containers (<c>BlobContainerNames</c>) whose personal data a holder exports and erases.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class HoldsPersonalDataAttribute(params string[] stores) : Attribute
{
    public IReadOnlyList<string> Stores { get; } = stores;
}

public static class PersonalDataHolders
{
    public static IServiceCollection AddPersonalDataHolder<T>(this IServiceCollection services)
        where T : class, IPersonalDataHolder
    {
        services.AddSingleton<T>();
        services.AddSingleton<IPersonalDataHolder>(provider => provider.GetRequiredService<T>());
        return services;
    }
}
