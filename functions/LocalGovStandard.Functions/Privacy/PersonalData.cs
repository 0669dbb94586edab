using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Dashboard;
using LocalGovStandard.DevOutbox;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Summits;

namespace LocalGovStandard.Privacy;

/// <param name="OutboxEmails">Messages deleted from the local outbox, when it is in use instead of SendGrid (development).</param>
public sealed record ErasureOutcome(int SummitInvitations, int AssessmentMentions, int PeerGroupsLed, int Emails, int AuditEntries, int WorkbooksRebuilt, int EarlierWorkbookVersionsDeleted, int OutboxEmails);

/// <summary>
/// UK GDPR requests about one contact: export everything held about them, or erase them everywhere.
/// Erasure keeps only a hashed suppression entry (if they had unsubscribed, so they are never mailed
/// again), a hashed entry on the <see cref="ErasureList"/> (so a restored backup cannot bring them back)
/// and an audit entry saying an erasure happened, without who.
/// </summary>
public sealed partial class PersonalData(
    ContactStore contacts,
    [FromKeyedServices(TableNames.Suppressions)] TableClient suppressions,
    ContactSummits summits,
    ContactAssessments assessments,
    ContactMail mail,
    ContactLeadership leadership,
    ContactAudit auditMentions,
    StoredWorkbooks workbooks,
    ErasureList erasureList,
    SnapshotRefresher dashboard,
    IEmailSender sender,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PersonalData> logger)
{
    public async Task<PersonalDataExport> ExportAsync(ContactLocation location, string actor, CancellationToken cancellationToken)
    {
        var contact = location.Contact ?? throw new InvalidOperationException("The contact has been erased.");
        var (gss, key, reference) = (contact.GssCode, contact.ContactKey, contact.Reference);
        var found = await assessments.FindAsync(gss, reference, contact.ContactName, cancellationToken);
        var invitations = await summits.InvitationsAsync(gss, key, cancellationToken);
        var suppressed = await suppressions.GetEntityIfExistsAsync<SuppressionEntity>(SuppressionEntity.Partition, key, cancellationToken: cancellationToken);
        var emails = await mail.RowsAsync(gss, key, cancellationToken);
        var led = await leadership.GroupsLedByAsync(contact.ContactEmail, cancellationToken);
        var entries = await auditMentions.MentionsAsync(contact.CreatedAt, Identifiers(contact), cancellationToken);

        await audit.WriteAsync(actor, "contact.exported", $"{contact.PartitionKey}/{gss}/{reference}", cancellationToken: CancellationToken.None);
        return new PersonalDataExport(
            clock.GetUtcNow(),
            reference,
            new ExportedCouncil(gss, location.Council.OfficialName, location.Council.Region.Name),
            new ExportedContact(contact.ContactName, contact.ContactEmail, contact.JobTitle, contact.AdoptionRoute, contact.Status, contact.CreatedAt, contact.VerifiedAt,
                contact.ConsentToContact, contact.ConsentToContactAt, contact.ConsentToPublish, contact.ConsentToPublishAt, contact.VerificationEmail),
            found.CreatedOrSubmitted.Select(a => new ExportedAssessment(a.Reference, a.ServiceName, a.Type, a.Status,
                a.CreatedBy == reference, a.SubmittedBy == reference, a.CreatedAt, a.SubmittedAt)).ToList(),
            found.ActionsMarkedDone.Select(a => new ExportedAction(a.AssessmentReference, a.PointNumber, a.PointTitle, a.DoneAt, a.DoneNote)).ToList(),
            found.PanelPlaces.Select(p => new ExportedPanelPlace(p.Assessment.PartitionKey, p.Assessment.Reference, p.Assessment.ServiceName, p.Member.Name, p.Member.Role)).ToList(),
            invitations.Select(i => ExportedInvitation.From(i.Summit, i.Invitation, i.WaitingPlace)).ToList(),
            led.Select(g => g.Name).ToList(),
            suppressed.HasValue ? new ExportedSuppression(suppressed.Value!.UnsubscribedAt, suppressed.Value.Source) : null,
            emails.Select(e => new ExportedEmail(e.PartitionKey, e.RowKey, e.Category, e.Subject, e.Status, e.SentAt)).ToList(),
            entries.Select(e => new ExportedAuditEntry(e.At, e.Actor, e.Action, e.Subject)).ToList());
    }

    /// <summary>
    /// Safe to repeat: each step finds what is left. The contact row goes last but one, swapped for an
    /// <see cref="ErasureEntity"/> in the same transaction, because it is how the person is found; the
    /// stored workbooks are rebuilt after it, from records that no longer hold them.
    /// </summary>
    public async Task<ErasureOutcome> EraseAsync(ContactLocation location, string actor, CancellationToken cancellationToken)
    {
        var (invitations, mentions, emails, entries, groups, outboxEmails) = (0, 0, 0, 0, 0, 0);
        var erasure = location.Erasure;
        if (location.Contact is { } contact)
        {
            await erasureList.AddAsync(contact.GssCode, contact.ContactKey, contact.CreatedAt, cancellationToken);
            invitations = await summits.EraseAsync(contact.GssCode, contact.ContactKey, cancellationToken);
            groups = await leadership.EraseAsync(contact.ContactEmail, actor, cancellationToken);
            mentions = await assessments.EraseAsync(contact.GssCode, contact.Reference, contact.ContactName, cancellationToken);
            emails = await mail.EraseAsync(contact.GssCode, contact.ContactKey, cancellationToken);
            outboxEmails = sender is LocalOutboxEmailSender outbox ? OutboxErasure.EraseMailFor(outbox.Folder, contact.ContactEmail) : 0;
            entries = await auditMentions.ScrubAsync(contact.CreatedAt, Identifiers(contact), cancellationToken);
            var naming = await workbooks.NamingAsync([contact.ContactEmail, contact.ContactName], cancellationToken);
            erasure = await contacts.ReplaceWithErasureAsync(contact, naming, cancellationToken);
        }

        var rebuilt = erasure!.Workbooks();
        foreach (var blobName in rebuilt)
        {
            await workbooks.RebuildAsync(blobName, cancellationToken);
        }

        var versions = await workbooks.DeleteEarlierVersionsAsync(cancellationToken);

        await contacts.DeleteErasureAsync(erasure, cancellationToken);
        var outcome = new ErasureOutcome(invitations, mentions, groups, emails, entries, rebuilt.Count, versions, outboxEmails);
        await audit.WriteAsync(actor, "contact.erased", $"council/{location.Council.GssCode}",
            $"summit invitations {invitations}; assessment mentions {mentions}; peer groups led {groups}; emails {emails}; audit entries {entries}; workbooks rebuilt {rebuilt.Count}; earlier workbook versions deleted {versions}; outbox emails {outboxEmails}",
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

    private static IReadOnlyList<string> Identifiers(ContactEntity contact) =>
        [contact.Reference, contact.ContactKey];
}
