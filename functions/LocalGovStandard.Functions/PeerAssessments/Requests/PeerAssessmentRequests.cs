using LocalGovStandard.Access;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Standards;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>
/// A council's requests for peer assessments: stores a valid one and emails it to the leads of the council's peer group.
/// Each lead's message has its own id in the mail ledger, so however often the leads are notified, each gets it once.
/// </summary>
public sealed class PeerAssessmentRequests(
    PeerAssessmentRequestStore store,
    PeerGroupStore groups,
    StandardCatalogue standards,
    EmailOutbox outbox,
    AuditLog audit,
    IOptionsMonitor<ServiceOptions> options,
    TimeProvider clock)
{
    public static string LeadHref(string groupSlug, string reference) => $"/assessments/peer-groups/{groupSlug}/requests/{reference}";

    public async Task<PeerAssessmentRequestEntity> CreateAsync(CouncilScope scope, string councilName, ValidPeerAssessmentRequest request, CancellationToken cancellationToken)
    {
        var reference = HumanReference.New("PAR");
        var entity = new PeerAssessmentRequestEntity
        {
            PartitionKey = scope.Region,
            RowKey = reference,
            Reference = reference,
            GssCode = scope.GssCode,
            CouncilName = councilName,
            ServiceName = request.ServiceName,
            ServiceUrl = request.ServiceUrl,
            Phase = request.Phase,
            StandardId = request.Standard.Id,
            PreferredDates = string.Join(',', request.PreferredDates.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
            ContactKey = request.Contact.ContactKey,
            Conflicts = string.Join(',', request.Conflicts.Select(c => c.Code)),
            ReassessmentOf = request.ReassessmentOf,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = scope.ContactReference,
        };
        await store.AddAsync(entity, cancellationToken);
        try
        {
            await NotifyLeadsAsync(entity, cancellationToken);
        }
        catch
        {
            // Nothing half-done: a request whose leads were not told is taken back, and the caller is told to try again.
            await store.DeleteAsync(entity, CancellationToken.None);
            throw;
        }

        await audit.WriteAsync($"contact:{scope.ContactReference}", "peer-assessment.requested", $"{scope.GssCode}/{reference}", cancellationToken: cancellationToken);
        return entity;
    }

    /// <summary>Queues the request to each lead of the council's peer group; returns how many leads there are.</summary>
    public async Task<int> NotifyLeadsAsync(PeerAssessmentRequestEntity request, CancellationToken cancellationToken)
    {
        if (await GroupOfAsync(request.GssCode, request.PartitionKey, cancellationToken) is not { } group)
        {
            return 0;
        }

        var standard = standards.Find(request.StandardId)!;
        var link = options.CurrentValue.Link(LeadHref(group.Slug, request.Reference));
        foreach (var lead in group.Leads)
        {
            await outbox.EnqueueAsync(RequestEmail.LedgerPartition, RequestEmail.Build(request, standard, group, lead, link), cancellationToken);
        }

        return group.Leads.Count;
    }

    /// <summary>
    /// The council's peer group: a group made from a list of councils that holds it (the closer circle, ADR 0019), else its region's group.
    /// </summary>
    public async Task<PeerGroup?> GroupOfAsync(string gssCode, string region, CancellationToken cancellationToken) =>
        (await groups.AllAsync(cancellationToken)).Where(g => g.Contains(gssCode, region))
            .OrderBy(g => g.Kind == PeerGroup.CouncilsKind ? 0 : 1).ThenBy(g => g.Slug, StringComparer.Ordinal).FirstOrDefault();
}
