using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Assessments;

public sealed record ExportedAssessment(string Reference, string ServiceName, string Type, string Status, bool Created, bool Submitted, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt);

public sealed record ExportedAction(string AssessmentReference, int Point, string PointTitle, DateTimeOffset? DoneAt, string? Note);

public sealed record ExportedPanelPlace(string CouncilCode, string AssessmentReference, string ServiceName, string Name, string Role);

public sealed record AssessmentMentions(
    IReadOnlyList<AssessmentEntity> CreatedOrSubmitted, IReadOnlyList<ActionEntity> ActionsMarkedDone, IReadOnlyList<(AssessmentEntity Assessment, PanelMember Member)> PanelPlaces);

/// <summary>
/// What assessments hold about a contact: their reference as creator, submitter or who marked an
/// action done (in their council's partition), and their name on peer panels. Panels sit on other
/// councils' assessments, so finding them reads every assessment row: rare, and the law asks for
/// completeness. A panel member is the contact when the name and the council both match.
/// </summary>
[HoldsPersonalData(TableNames.Assessments)]
public sealed class AssessmentPersonalData([FromKeyedServices(TableNames.Assessments)] TableClient table) : IPersonalDataHolder
{
    public const string ErasedName = "Name erased";

    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken)
    {
        var found = await FindAsync(subject.GssCode, subject.Reference, subject.Name, cancellationToken);
        var reference = subject.Reference;
        sections.Add("assessments", found.CreatedOrSubmitted.Select(a => new ExportedAssessment(a.Reference, a.ServiceName, a.Type, a.Status,
            a.CreatedBy == reference, a.SubmittedBy == reference, a.CreatedAt, a.SubmittedAt)).ToList());
        sections.Add("actionsMarkedDone", found.ActionsMarkedDone.Select(a => new ExportedAction(a.AssessmentReference, a.PointNumber, a.PointTitle, a.DoneAt, a.DoneNote)).ToList());
        sections.Add("panelPlaces", found.PanelPlaces.Select(p => new ExportedPanelPlace(p.Assessment.PartitionKey, p.Assessment.Reference, p.Assessment.ServiceName, p.Member.Name, p.Member.Role)).ToList());
    }

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken) =>
        erasure.Count("assessmentMentions", "Mentions in assessments replaced", await EraseAsync(subject.GssCode, subject.Reference, subject.Name, cancellationToken));

    private async Task<AssessmentMentions> FindAsync(string gssCode, string reference, string name, CancellationToken cancellationToken)
    {
        if (reference.Length == 0)
        {
            // Someone known by address alone: only contacts create, submit, mark done or sit on panels, and empty values would match blanks.
            return new AssessmentMentions([], [], []);
        }

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
    private async Task<int> EraseAsync(string gssCode, string reference, string name, CancellationToken cancellationToken)
    {
        var found = await FindAsync(gssCode, reference, name, cancellationToken);
        foreach (var action in found.ActionsMarkedDone)
        {
            action.DoneBy = AuditPersonalData.Replacement;
            await table.UpdateEntityAsync(action, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }

        var assessments = found.CreatedOrSubmitted.Concat(found.PanelPlaces.Select(p => p.Assessment)).DistinctBy(a => (a.PartitionKey, a.RowKey));
        foreach (var assessment in assessments)
        {
            await ChangeAsync(assessment.PartitionKey, assessment.RowKey, a =>
            {
                a.CreatedBy = a.CreatedBy == reference ? AuditPersonalData.Replacement : a.CreatedBy;
                a.SubmittedBy = a.SubmittedBy == reference ? AuditPersonalData.Replacement : a.SubmittedBy;
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
