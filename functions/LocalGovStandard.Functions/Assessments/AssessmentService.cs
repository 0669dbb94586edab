using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Access;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Assessments;

public enum WriteFailure
{
    NotFound,

    /// <summary>The ETag the caller read is stale: someone saved the draft since (another tab).</summary>
    Changed,

    /// <summary>Submitted assessments are immutable.</summary>
    NotDraft,

    Invalid,

    /// <summary>A panel member who is not the lead assessor tried to submit the panel's assessment.</summary>
    NotPermitted,
}

public sealed record WriteResult(AssessmentEntity? Assessment, WriteFailure? Failure = null, FieldErrors? Errors = null)
{
    public static WriteResult Fail(WriteFailure failure) => new(null, failure);

    public static WriteResult Invalid(FieldErrors errors) => new(null, WriteFailure.Invalid, errors);
}

public sealed class AssessmentOptions
{
    public const string Section = "LocalGovStandard:Assessments";

    /// <summary>Actions are due this many months after the assessment is submitted.</summary>
    public int ActionDueMonths { get; set; } = 3;
}

/// <summary>
/// Every read and write is scoped to the session's council: the partition comes from the
/// <see cref="CouncilScope"/>, never from the request, so another council's references are simply not found.
/// </summary>
public sealed class AssessmentService(
    [FromKeyedServices(TableNames.Assessments)] TableClient table,
    [FromKeyedServices(TableNames.SubmittedAssessments)] TableClient submitted,
    Signups.ContactStore contacts,
    StandardCatalogue standards,
    MailLedger mail,
    AuditLog audit,
    IOptionsMonitor<AssessmentOptions> options,
    IEnumerable<IPanelReports> panelReports,
    TimeProvider clock)
{
    public const int NotesMaxLength = 2000;

    public async Task<AssessmentEntity?> FindAsync(CouncilScope scope, string reference, CancellationToken cancellationToken)
    {
        if (!HumanReference.IsWellFormed(reference))
        {
            return null;
        }

        var found = await table.GetEntityIfExistsAsync<AssessmentEntity>(scope.GssCode, AssessmentKeys.AssessmentRowKey(reference), cancellationToken: cancellationToken);
        return found.HasValue && Covers(scope, found.Value!) ? found.Value : null;
    }

    /// <summary>
    /// A panel member's grant covers their panel's draft and, read only, the self-assessment it reads, and nothing else of
    /// the assessed council; the council's own
    /// contacts see a panel's assessment only once it is submitted (their report), never the draft.
    /// </summary>
    public static bool Covers(CouncilScope scope, AssessmentEntity entity) =>
        scope.Panel is { } panel
            ? entity.PanelRequest == panel.RequestReference || (entity.Reference == panel.SelfAssessment && entity.Status == AssessmentEntity.Submitted)
            : entity.PanelRequest is null || entity.Status == AssessmentEntity.Submitted;

    /// <summary>
    /// What a panel reads of the assessed council: its latest submitted self-assessment of the service against the standard,
    /// if any. Nothing else of the council's is returned.
    /// </summary>
    public async Task<AssessmentEntity?> SelfAssessmentForPanelAsync(CouncilScope scope, string standardId, string serviceName, CancellationToken cancellationToken)
    {
        if (scope.Panel is null)
        {
            throw new InvalidOperationException("Not a panel member's scope.");
        }

        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {scope.GssCode} and RowKey ge {AssessmentKeys.AssessmentPrefix} and RowKey lt {"assessment}"} and Status eq {AssessmentEntity.Submitted} and Type eq {"self"} and StandardId eq {standardId}");
        AssessmentEntity? latest = null;
        await foreach (var row in table.QueryAsync<AssessmentEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.PanelRequest is null && string.Equals(row.ServiceName.Trim(), serviceName.Trim(), StringComparison.OrdinalIgnoreCase) && (latest is null || row.SubmittedAt > latest.SubmittedAt))
            {
                latest = row;
            }
        }

        return latest;
    }

    /// <summary>
    /// The panel's draft for a peer-assessment request, in the assessed council's partition, created on first use. Its
    /// reference comes from the request's, so two members opening it at once make one draft.
    /// </summary>
    public async Task<AssessmentEntity> OpenPanelDraftAsync(CouncilScope scope, string councilName, AssessmentDetails details, CancellationToken cancellationToken)
    {
        var panel = scope.Panel ?? throw new InvalidOperationException("Not a panel member's scope.");
        var reference = PanelDraftReference.For(panel.RequestReference);
        if (await FindAsync(scope, reference, cancellationToken) is { } existing)
        {
            return existing;
        }

        var entity = NewEntity(scope, reference, councilName, details);
        entity.PanelRequest = panel.RequestReference;
        try
        {
            entity.ETag = (await table.AddEntityAsync(entity, cancellationToken)).Headers.ETag ?? default;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return await FindAsync(scope, reference, cancellationToken) ?? throw new InvalidOperationException($"Panel draft {reference} belongs to another request.");
        }

        await audit.WriteAsync($"contact:{scope.ContactReference}", "assessment.panel-draft-opened", $"{scope.GssCode}/{reference}", panel.RequestReference, cancellationToken);
        return entity;
    }

    public async Task<(IReadOnlyList<AssessmentEntity> Assessments, IReadOnlyList<ActionEntity> Actions)> ListAsync(CouncilScope scope, CancellationToken cancellationToken)
    {
        var assessments = new List<AssessmentEntity>();
        var actions = new List<ActionEntity>();
        var assessmentFilter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {scope.GssCode} and RowKey ge {AssessmentKeys.AssessmentPrefix} and RowKey lt {"assessment}"}");
        await foreach (var row in table.QueryAsync<AssessmentEntity>(assessmentFilter, cancellationToken: cancellationToken))
        {
            if (Covers(scope, row))
            {
                assessments.Add(row);
            }
        }

        var actionFilter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {scope.GssCode} and RowKey ge {AssessmentKeys.ActionPrefix} and RowKey lt {"action}"}");
        await foreach (var row in table.QueryAsync<ActionEntity>(actionFilter, cancellationToken: cancellationToken))
        {
            if (scope.Panel is null || assessments.Any(a => row.ConcernsAssessment(a.Reference)))
            {
                actions.Add(row);
            }
        }

        return (assessments.OrderByDescending(a => a.CreatedAt).ToList(), actions.OrderBy(a => a.DueAt).ToList());
    }

    public async Task<AssessmentEntity> CreateAsync(CouncilScope scope, string councilName, AssessmentDetails details, CancellationToken cancellationToken)
    {
        var reference = HumanReference.New("ASM");
        var entity = NewEntity(scope, reference, councilName, details);
        var response = await table.AddEntityAsync(entity, cancellationToken);
        entity.ETag = response.Headers.ETag ?? default;
        await audit.WriteAsync($"contact:{scope.ContactReference}", "assessment.created", $"{scope.GssCode}/{reference}", cancellationToken: cancellationToken);
        return entity;
    }

    public Task<WriteResult> UpdateDetailsAsync(CouncilScope scope, string reference, AssessmentDetails details, ETag ifMatch, CancellationToken cancellationToken) =>
        scope.Panel is not null ? Task.FromResult(WriteResult.Fail(WriteFailure.NotFound)) : ChangeDraftAsync(scope, reference, ifMatch, "assessment.details-changed", entity =>
        {
            if (details.Standard.Id != entity.StandardId && (entity.Points().Count > 0 || entity.PredecessorReference is not null))
            {
                var errors = new FieldErrors();
                errors.Add("standardId", "The standard cannot change once points are rated or the assessment is a reassessment. Start a new assessment instead");
                return errors;
            }

            Apply(entity, details);
            return null;
        }, cancellationToken);

    public Task<WriteResult> RatePointAsync(CouncilScope scope, string reference, int number, string? rating, string? notes, ETag ifMatch, CancellationToken cancellationToken) =>
        ChangeDraftAsync(scope, reference, ifMatch, $"assessment.point-{number}-rated", entity =>
        {
            var errors = new FieldErrors();
            var standard = standards.Find(entity.StandardId)!;
            var point = standard.Point(number);
            if (point is null)
            {
                errors.Add("number", $"{standard.Name} has points 1 to {standard.Points.Count}");
                return errors;
            }

            var points = entity.Points();
            var existing = points.GetValueOrDefault(number);
            if (existing?.CarriedFrom is { } carried)
            {
                errors.Add("rating", $"Point {number} passed in {carried.Reference} and is carried over; only the points that failed are reassessed");
                return errors;
            }

            if (standard.Rating(rating?.Trim()) is not { } chosen)
            {
                errors.Add("rating", string.IsNullOrWhiteSpace(rating)
                    ? $"Select a rating for point {number}"
                    : $"Rating must be one of: {string.Join(", ", standard.Scale.Ratings.Select(r => r.Value))}");
                return errors;
            }

            var cleanNotes = errors.OptionalMultilineText("notes", notes, "Notes", NotesMaxLength);
            if (!errors.IsValid)
            {
                return errors;
            }

            points[number] = new PointAnswer(chosen.Value, cleanNotes, existing?.Evidence ?? []);
            if (!entity.TrySetPoints(points))
            {
                errors.Add("notes", "This assessment has reached the most text it can hold. Shorten the notes on this or other points");
                return errors;
            }

            return null;
        }, cancellationToken);

    /// <summary>Applies <paramref name="change"/> to a draft, saved only if nobody saved it since <paramref name="ifMatch"/>.</summary>
    public async Task<WriteResult> ChangeDraftAsync(
        CouncilScope scope, string reference, ETag ifMatch, string auditAction, Func<AssessmentEntity, FieldErrors?> change, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(scope, reference, cancellationToken);
        if (entity is null)
        {
            return WriteResult.Fail(WriteFailure.NotFound);
        }

        if (entity.Status != AssessmentEntity.Draft)
        {
            return WriteResult.Fail(WriteFailure.NotDraft);
        }

        if (entity.ETag != ifMatch)
        {
            return WriteResult.Fail(WriteFailure.Changed);
        }

        if (change(entity) is { } errors)
        {
            return WriteResult.Invalid(errors);
        }

        entity.UpdatedAt = clock.GetUtcNow();
        try
        {
            var response = await table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return WriteResult.Fail(WriteFailure.Changed);
        }

        await audit.WriteAsync($"contact:{scope.ContactReference}", auditAction, $"{scope.GssCode}/{reference}", cancellationToken: cancellationToken);
        return new WriteResult(entity);
    }

    /// <summary>
    /// Submits a draft: records the overall result and the submitter, opens an action for each
    /// failing point, and (for a reassessment) closes the predecessor's actions whose points now
    /// pass. All in one transaction; the report index row follows, and a repeat submit repairs it.
    /// </summary>
    public async Task<WriteResult> SubmitAsync(CouncilScope scope, string reference, string? overallRating, ETag ifMatch, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(scope, reference, cancellationToken);
        if (entity is null)
        {
            return WriteResult.Fail(WriteFailure.NotFound);
        }

        if (scope.Panel is { MaySubmit: false })
        {
            return WriteResult.Fail(WriteFailure.NotPermitted);
        }

        if (entity.Status == AssessmentEntity.Submitted)
        {
            await IndexAsync(entity, cancellationToken);
            if (scope.Panel is not null)
            {
                // A publication a crash interrupted finishes now: the report's emails go through the ledger, so none twice.
                var (_, open) = await ListAsync(scope, cancellationToken);
                await PublishAsync(scope, entity, open.Where(a => a.Status == ActionEntity.Open).OrderBy(a => a.PointNumber).ToList(), cancellationToken);
            }

            return WriteResult.Fail(WriteFailure.NotDraft);
        }

        if (entity.ETag != ifMatch)
        {
            return WriteResult.Fail(WriteFailure.Changed);
        }

        var standard = standards.Find(entity.StandardId)!;
        var points = entity.Points();
        var errors = new FieldErrors();
        foreach (var point in standard.Points.Where(p => points.GetValueOrDefault(p.Number)?.Rating is null))
        {
            errors.Add($"points.{point.Number}", $"Rate point {point.Number}, {point.Title}");
        }

        if (!string.IsNullOrWhiteSpace(overallRating) && (!standard.Scale.PanelChoosesOverall || standard.OverallRating(overallRating.Trim()) is null))
        {
            errors.Add("overallRating", standard.Scale.PanelChoosesOverall
                ? $"Overall rating must be one of: {string.Join(", ", standard.Scale.OverallRatings.Select(r => r.Value))}"
                : $"{standard.Name} has no panel overall rating: the result is met only when every point is met");
        }

        if (!errors.IsValid)
        {
            return WriteResult.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var result = standard.OverallResult(standard.Points.Select(p => points[p.Number].Rating!), overallRating?.Trim());
        entity.Status = AssessmentEntity.Submitted;
        entity.OverallRating = result.Value;
        entity.SubmittedAt = now;
        entity.SubmittedBy = scope.ContactReference;
        entity.UpdatedAt = now;

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, entity, ifMatch) };
        var (predecessorChanges, stillOpen) = await PredecessorActionChangesAsync(entity, standard, points, now, cancellationToken);
        actions.AddRange(predecessorChanges);
        actions.AddRange(NewActions(entity, standard, points, now, stillOpen));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412)
        {
            return WriteResult.Fail(WriteFailure.Changed);
        }

        await audit.WriteAsync($"contact:{scope.ContactReference}", "assessment.submitted", $"{scope.GssCode}/{reference}", result.Value, cancellationToken);
        await IndexAsync(entity, cancellationToken);
        var openActions = actions.Select(a => a.Entity).OfType<ActionEntity>().Where(a => a.Status == ActionEntity.Open).OrderBy(a => a.PointNumber).ToList();
        if (scope.Panel is null)
        {
            await SendCopyAsync(scope, entity, standard, openActions, cancellationToken);
        }
        else
        {
            await PublishAsync(scope, entity, openActions, cancellationToken);
        }

        return new WriteResult(await FindAsync(scope, reference, cancellationToken));
    }

    /// <summary>
    /// Starts a reassessment of a submitted assessment: only its failing points are asked again;
    /// the passing ones are carried over and marked with their original assessment and date.
    /// Asking again while a reassessment draft exists returns that draft.
    /// </summary>
    public async Task<WriteResult> ReassessAsync(CouncilScope scope, string reference, CancellationToken cancellationToken)
    {
        var predecessor = scope.Panel is null ? await FindAsync(scope, reference, cancellationToken) : null;
        if (predecessor is null)
        {
            return WriteResult.Fail(WriteFailure.NotFound);
        }

        if (PanelDraftReference.IsPanel(reference))
        {
            var errors = new FieldErrors();
            errors.Add("reference", "This is a peer panel's report. Ask your peer group for a reassessment from your council's request page, where the form comes filled in");
            return WriteResult.Invalid(errors);
        }

        var standard = standards.Find(predecessor.StandardId)!;
        var points = predecessor.Points();
        var failing = standard.Points.Where(p => standard.Rating(points.GetValueOrDefault(p.Number)?.Rating)?.Passes != true).ToList();
        if (predecessor.Status != AssessmentEntity.Submitted || failing.Count == 0)
        {
            var errors = new FieldErrors();
            errors.Add("reference", predecessor.Status != AssessmentEntity.Submitted
                ? "Only a submitted assessment can be reassessed"
                : "Every point passed, so there is nothing to reassess");
            return WriteResult.Invalid(errors);
        }

        var (existing, _) = await ListAsync(scope, cancellationToken);
        if (existing.FirstOrDefault(a => a.PredecessorReference == reference && a.Status == AssessmentEntity.Draft) is { } draft)
        {
            return new WriteResult(draft);
        }

        var carried = standard.Points
            .Where(p => !failing.Contains(p))
            .ToDictionary(p => p.Number, p => points[p.Number] with { CarriedFrom = points[p.Number].CarriedFrom ?? new CarriedPoint(reference, predecessor.AssessmentDate) });
        var details = new AssessmentDetails(predecessor.ServiceName, predecessor.ServiceUrl, predecessor.Phase, predecessor.Type, standard,
            UkTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), predecessor.Panel());
        var created = await CreateAsync(scope, predecessor.CouncilName, details, cancellationToken);
        created.PredecessorReference = reference;
        created.SetPoints(carried);
        var response = await table.UpdateEntityAsync(created, created.ETag, TableUpdateMode.Replace, cancellationToken);
        created.ETag = response.Headers.ETag ?? default;
        return new WriteResult(created);
    }

    public async Task<(ActionEntity? Action, WriteFailure? Failure)> MarkActionDoneAsync(
        CouncilScope scope, string reference, int point, string note, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<ActionEntity>(scope.GssCode, AssessmentKeys.ActionRowKey(reference, point), cancellationToken: cancellationToken);
        if (!found.HasValue || !HumanReference.IsWellFormed(reference) || scope.Panel is not null)
        {
            return (null, WriteFailure.NotFound);
        }

        var action = found.Value!;
        if (action.Status != ActionEntity.Open)
        {
            return (null, WriteFailure.NotDraft);
        }

        action.Status = ActionEntity.Done;
        action.DoneAt = clock.GetUtcNow();
        action.DoneBy = scope.ContactReference;
        action.DoneNote = note;
        try
        {
            await table.UpdateEntityAsync(action, action.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return (null, WriteFailure.Changed);
        }

        await audit.WriteAsync($"contact:{scope.ContactReference}", "action.done", $"{scope.GssCode}/{reference}/{point}", cancellationToken: cancellationToken);
        return (action, null);
    }

    private AssessmentEntity NewEntity(CouncilScope scope, string reference, string councilName, AssessmentDetails details)
    {
        var now = clock.GetUtcNow();
        var entity = new AssessmentEntity
        {
            PartitionKey = scope.GssCode,
            RowKey = AssessmentKeys.AssessmentRowKey(reference),
            Reference = reference,
            Region = scope.Region,
            CouncilName = councilName,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = scope.ContactReference,
        };
        Apply(entity, details);
        return entity;
    }

    private static void Apply(AssessmentEntity entity, AssessmentDetails details)
    {
        entity.ServiceName = details.ServiceName;
        entity.ServiceUrl = details.ServiceUrl;
        entity.Phase = details.Phase;
        entity.Type = details.Type;
        entity.StandardId = details.Standard.Id;
        entity.AssessmentDate = details.AssessmentDate;
        entity.SetPanel(details.Panel);
    }

    /// <summary>An action for each failing point, unless the predecessor's action for it is still open.</summary>
    private IEnumerable<TableTransactionAction> NewActions(
        AssessmentEntity entity, Standard standard, Dictionary<int, PointAnswer> points, DateTimeOffset now, HashSet<int> coveredByOpenActions)
    {
        var due = now.AddMonths(options.CurrentValue.ActionDueMonths);
        return standard.Points
            .Where(p => points[p.Number].CarriedFrom is null && standard.Rating(points[p.Number].Rating)?.Passes == false && !coveredByOpenActions.Contains(p.Number))
            .Select(p => new TableTransactionAction(TableTransactionActionType.Add, new ActionEntity
            {
                PartitionKey = entity.PartitionKey,
                RowKey = AssessmentKeys.ActionRowKey(entity.Reference, p.Number),
                AssessmentReference = entity.Reference,
                ServiceName = entity.ServiceName,
                StandardId = standard.Id,
                PointNumber = p.Number,
                PointTitle = p.Title,
                Rating = points[p.Number].Rating!,
                CreatedAt = now,
                DueAt = due,
            }));
    }

    /// <summary>
    /// A reassessment closes the open actions of the points it rated again once they pass; the others stay open, marked
    /// as reassessed by it. A point's action is the nearest one up the chain of predecessors: a reassessment that left a
    /// point failing raised no action of its own, so the action of a reassessment's reassessment can be two steps back.
    /// </summary>
    private async Task<(List<TableTransactionAction> Changes, HashSet<int> StillOpen)> PredecessorActionChangesAsync(
        AssessmentEntity entity, Standard standard, Dictionary<int, PointAnswer> points, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changes = new List<TableTransactionAction>();
        var stillOpen = new HashSet<int>();
        var unresolved = standard.Points.Where(p => points[p.Number].CarriedFrom is null).Select(p => p.Number).ToHashSet();
        for (var ancestor = entity.PredecessorReference; ancestor is not null && unresolved.Count > 0; ancestor = await PredecessorOfAsync(entity.PartitionKey, ancestor, cancellationToken))
        {
            foreach (var number in unresolved.ToList())
            {
                var found = await table.GetEntityIfExistsAsync<ActionEntity>(entity.PartitionKey, AssessmentKeys.ActionRowKey(ancestor, number), cancellationToken: cancellationToken);
                if (!found.HasValue)
                {
                    continue;
                }

                unresolved.Remove(number);
                var action = found.Value!;
                if (action.Status != ActionEntity.Open)
                {
                    continue;
                }

                // The rating that raised the action stays: a report for an earlier month must still show it.
                var rating = points[number].Rating!;
                if (standard.Rating(rating)?.Passes == true)
                {
                    action.Status = ActionEntity.Closed;
                    action.ClosedByReference = entity.Reference;
                    action.ClosingRating = rating;
                    action.ClosedAt = now;
                }
                else
                {
                    action.ReassessedBy = entity.Reference;
                    action.ReassessedRating = rating;
                    stillOpen.Add(number);
                }

                changes.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, action, action.ETag));
            }
        }

        return (changes, stillOpen);
    }

    private async Task<string?> PredecessorOfAsync(string gssCode, string reference, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<AssessmentEntity>(gssCode, AssessmentKeys.AssessmentRowKey(reference), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.PredecessorReference : null;
    }

    private async Task PublishAsync(CouncilScope scope, AssessmentEntity entity, IReadOnlyList<ActionEntity> openActions, CancellationToken cancellationToken)
    {
        foreach (var reports in panelReports)
        {
            await reports.PublishAsync(scope, entity, openActions, cancellationToken);
        }
    }

    /// <summary>Emails the submitter a copy of the answers, once (the ledger keys it by assessment).</summary>
    private async Task SendCopyAsync(CouncilScope scope, AssessmentEntity entity, Standard standard, IReadOnlyList<ActionEntity> actions, CancellationToken cancellationToken)
    {
        if (await contacts.GetAsync(scope.Region, scope.GssCode, scope.ContactKey, cancellationToken) is { } contact)
        {
            var to = new EmailAddress(contact.ContactEmail, contact.ContactName);
            await mail.SendOnceAsync(SubmissionEmail.LedgerPartition, SubmissionEmail.Build(entity, standard, to, actions), cancellationToken);
        }
    }

    private async Task IndexAsync(AssessmentEntity entity, CancellationToken cancellationToken)
    {
        var standard = standards.Find(entity.StandardId)!;
        var points = entity.Points();
        var index = new SubmittedAssessmentEntity
        {
            PartitionKey = AssessmentKeys.SubmittedPartition(entity.Region, entity.SubmittedAt!.Value),
            RowKey = $"{entity.PartitionKey}|{entity.Reference}",
            GssCode = entity.PartitionKey,
            Reference = entity.Reference,
            CouncilName = entity.CouncilName,
            ServiceName = entity.ServiceName,
            Phase = entity.Phase,
            Type = entity.Type,
            StandardId = entity.StandardId,
            OverallResult = entity.OverallRating!,
            OverallPasses = standard.OverallRating(entity.OverallRating)?.Passes == true,
            PointRatingsJson = System.Text.Json.JsonSerializer.Serialize(points.ToDictionary(p => p.Key, p => p.Value.Rating)),
            SubmittedAt = entity.SubmittedAt.Value,
            PredecessorReference = entity.PredecessorReference,
        };
        await submitted.UpsertEntityAsync(index, TableUpdateMode.Replace, cancellationToken);
    }
}
