using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Assessments;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Privacy;

public sealed record AssessmentMentions(
    IReadOnlyList<AssessmentEntity> CreatedOrSubmitted, IReadOnlyList<ActionEntity> ActionsMarkedDone, IReadOnlyList<(AssessmentEntity Assessment, PanelMember Member)> PanelPlaces);

/// <summary>
/// What assessments hold about a contact: their reference as creator, submitter or who marked an
/// action done (in their council's partition), and their name on peer panels. Panels sit on other
/// councils' assessments, so finding them reads every assessment row: rare, and the law asks for
/// completeness. A panel member is the contact when the name and the council both match.
/// </summary>
public sealed class ContactAssessments([FromKeyedServices(TableNames.Assessments)] TableClient table)
{
    public const string ErasedName = "Name erased";

    public async Task<AssessmentMentions> FindAsync(string gssCode, string reference, string name, CancellationToken cancellationToken)
    {
        var own = new List<AssessmentEntity>();
        var actions = new List<ActionEntity>();
        var doneBy = TableClient.CreateQueryFilter(
            $"PartitionKey eq {gssCode} and RowKey ge {AssessmentKeys.ActionPrefix} and RowKey lt {"action}"} and DoneBy eq {reference}");
        await foreach (var action in table.QueryAsync<ActionEntity>(doneBy, cancellationToken: cancellationToken))
        {
            actions.Add(action);
        }

        var panels = new List<(AssessmentEntity, PanelMember)>();
        var everyAssessment = TableClient.CreateQueryFilter($"RowKey ge {AssessmentKeys.AssessmentPrefix} and RowKey lt {"assessment}"}");
        await foreach (var assessment in table.QueryAsync<AssessmentEntity>(everyAssessment, cancellationToken: cancellationToken))
        {
            if (assessment.PartitionKey == gssCode && (assessment.CreatedBy == reference || assessment.SubmittedBy == reference))
            {
                own.Add(assessment);
            }

            foreach (var member in assessment.Panel().Where(m => IsContact(m, gssCode, name)))
            {
                panels.Add((assessment, member));
            }
        }

        return new AssessmentMentions(own, actions, panels);
    }

    /// <summary>Replaces the reference and the panel name; the assessment itself belongs to the council and stays.</summary>
    public async Task<int> EraseAsync(string gssCode, string reference, string name, CancellationToken cancellationToken)
    {
        var found = await FindAsync(gssCode, reference, name, cancellationToken);
        foreach (var action in found.ActionsMarkedDone)
        {
            action.DoneBy = ContactAudit.Replacement;
            await table.UpdateEntityAsync(action, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }

        var assessments = found.CreatedOrSubmitted.Concat(found.PanelPlaces.Select(p => p.Assessment)).DistinctBy(a => (a.PartitionKey, a.RowKey));
        foreach (var assessment in assessments)
        {
            await ChangeAsync(assessment.PartitionKey, assessment.RowKey, a =>
            {
                a.CreatedBy = a.CreatedBy == reference ? ContactAudit.Replacement : a.CreatedBy;
                a.SubmittedBy = a.SubmittedBy == reference ? ContactAudit.Replacement : a.SubmittedBy;
                a.SetPanel(a.Panel().Select(m => IsContact(m, gssCode, name) ? m with { Name = ErasedName } : m).ToList());
            }, cancellationToken);
        }

        return found.CreatedOrSubmitted.Count + found.ActionsMarkedDone.Count + found.PanelPlaces.Count;
    }

    private static bool IsContact(PanelMember member, string gssCode, string name) =>
        member.CouncilCode == gssCode && string.Equals(member.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>ETag-guarded: a contact editing a draft at the same moment is not overwritten; the change is reapplied to their version.</summary>
    private async Task ChangeAsync(string partition, string rowKey, Action<AssessmentEntity> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = (await table.GetEntityAsync<AssessmentEntity>(partition, rowKey, cancellationToken: cancellationToken)).Value;
            change(current);
            try
            {
                await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
            }
        }
    }
}
