using Azure;
using LocalGovStandard.Dashboard;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Privacy;

/// <summary>
/// UK GDPR requests about one contact: export everything held about them, or erase them everywhere, through every
/// registered <see cref="IPersonalDataHolder"/> (each feature finds the person in what it keeps). Erasure keeps only a
/// hashed suppression entry (if they had unsubscribed, so they are never mailed again), a hashed entry on the
/// <see cref="ErasureList"/> (so a restored backup cannot bring them back) and an audit entry saying an erasure happened, without who.
/// </summary>
public sealed partial class PersonalData(
    IEnumerable<IPersonalDataHolder> holders,
    ContactStore contacts,
    ErasureList erasureList,
    SnapshotRefresher dashboard,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PersonalData> logger)
{
    /// <summary>Records first, the contact row (how the person is found) last; otherwise in the order they were registered.</summary>
    private readonly IReadOnlyList<IPersonalDataHolder> _holders = holders.OrderBy(h => h.Stage).ToList();

    public async Task<PersonalDataExport> ExportAsync(ContactLocation location, string actor, CancellationToken cancellationToken)
    {
        var contact = location.Contact ?? throw new InvalidOperationException("The contact has been erased.");
        var subject = SubjectOf(contact);
        var sections = new PersonalDataSections();
        foreach (var holder in _holders)
        {
            await holder.ExportAsync(subject, sections, cancellationToken);
        }

        await audit.WriteAsync(actor, "contact.exported", $"{contact.PartitionKey}/{contact.GssCode}/{contact.Reference}", cancellationToken: CancellationToken.None);
        return new PersonalDataExport(
            clock.GetUtcNow(), contact.Reference, new ExportedCouncil(contact.GssCode, location.Council.OfficialName, location.Council.Region.Name), sections);
    }

    /// <summary>
    /// Safe to repeat: each holder finds what is left. The contact row goes last, swapped for an <see cref="ErasureEntity"/>
    /// naming the derived copies (stored workbooks) still to rebuild; they are rebuilt after it, from records that no longer hold the person.
    /// </summary>
    public async Task<ErasureOutcome> EraseAsync(ContactLocation location, string actor, CancellationToken cancellationToken)
    {
        var progress = new ErasureProgress(actor);
        var erasure = location.Erasure;
        if (location.Contact is { } contact)
        {
            await erasureList.AddAsync(contact.GssCode, contact.ContactKey, contact.CreatedAt, cancellationToken);
            var subject = SubjectOf(contact);
            foreach (var holder in _holders)
            {
                await holder.EraseAsync(subject, progress, cancellationToken);
            }

            erasure = await contacts.FindErasureAsync(location.Council, contact.Reference, cancellationToken)
                ?? throw new RequestFailedException(409, "The contact row was not replaced by an erasure row; ask again to finish.");
        }

        foreach (var holder in _holders)
        {
            await holder.FinishAsync(erasure!.Workbooks(), progress, cancellationToken);
        }

        await contacts.DeleteErasureAsync(erasure!, cancellationToken);
        var outcome = new ErasureOutcome(progress.Counts);
        await audit.WriteAsync(actor, "contact.erased", $"council/{location.Council.GssCode}",
            string.Join("; ", progress.Counts.Select(c => $"{c.Label.ToLowerInvariant()} {c.Count}")),
            CancellationToken.None);
        await RefreshDashboardAsync();
        return outcome;
    }

    /// <summary>
    /// The public dashboard names councils that signed up on a contact's consent, so it does not wait for its next refresh.
    /// The erasure is done and audited by now: if storage fails here, the 15-minute refresh catches up, and the
    /// organiser is not told that an erasure failed.
    /// </summary>
    private async Task RefreshDashboardAsync()
    {
        try
        {
            await dashboard.RefreshAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException)
        {
            LogDashboardNotRefreshed(exception.GetType().Name);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The dashboard was not refreshed after an erasure ({Fault}); its next scheduled refresh will")]
    private partial void LogDashboardNotRefreshed(string fault);

    private static DataSubject SubjectOf(ContactEntity contact) =>
        new(contact.GssCode, contact.PartitionKey, contact.Reference, contact.ContactKey, contact.ContactName, contact.ContactEmail, contact.CreatedAt);
}
