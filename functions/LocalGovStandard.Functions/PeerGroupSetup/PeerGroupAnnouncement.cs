using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Signups;
using LocalGovStandard.Events;

namespace LocalGovStandard.PeerGroupSetup;

/// <summary>
/// Tells the approved contacts of a group's councils that the group exists: those who agreed to be contacted and are not on
/// the suppression list, once each. The mail ledger makes a message go once however often it is queued; contacts who already
/// have a ledger row in the group's stream are not queued again, so saving a group a second time sends nothing.
/// </summary>
public sealed class PeerGroupAnnouncement(ContactStore contacts, SuppressionList suppressions, MailLedger ledger, EmailOutbox outbox, TimeProvider clock)
{
    /// <param name="before">The group as it was (null for a new group): only councils it did not hold before are told.</param>
    /// <returns>How many emails were queued now.</returns>
    public async Task<int> AnnounceAsync(PeerGroup group, PeerGroup? before, CancellationToken cancellationToken)
    {
        var partition = PeerGroupAnnouncementEmail.LedgerPartition(group.Slug);
        var suppressed = await suppressions.AllAsync(cancellationToken);
        var sent = await ledger.PartitionAsync(partition, cancellationToken);
        // Everyone verified by now; a day's margin so a contact verified this instant on another instance's clock is not missed.
        var verifiedBefore = clock.GetUtcNow().AddDays(1);
        var queued = 0;
        foreach (var region in group.Partitions)
        {
            var newcomers = (await contacts.ContactableAsync(region.Slug, verifiedBefore, cancellationToken))
                .Where(c => group.Contains(c.GssCode, region.Slug) && before?.Contains(c.GssCode, region.Slug) != true)
                .Where(c => !suppressed.Contains(c.ContactKey))
                .Where(c => !sent.ContainsKey(PeerGroupAnnouncementEmail.MessageId(c.GssCode, c.ContactKey)));
            foreach (var contact in newcomers)
            {
                await outbox.EnqueueAsync(partition, PeerGroupAnnouncementEmail.For(group, contact), cancellationToken);
                queued++;
            }
        }

        return queued;
    }
}
