using System.Globalization;
using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Signups;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>The council's feedback as the API and the page send it: either or both, each up to <see cref="CouncilFeedback.MaxLength"/> characters.</summary>
/// <param name="Replacing">
/// What the writer saw before writing: the <c>givenAt</c> of the feedback they are replacing, or <c>none</c> when there was
/// none. When a colleague has changed it since, nothing is saved (<see cref="FeedbackOutcome.Changed"/>). Left out, the
/// feedback replaces whatever is there.
/// </param>
public sealed record FeedbackBody(string? Helped, string? DidNotHelp, string? Replacing = null);

public enum FeedbackOutcome
{
    Saved,
    Invalid,
    NotFound,
    Closed,

    /// <summary>A colleague gave or changed the feedback after the writer read it: nothing was saved.</summary>
    Changed,
}

public sealed record FeedbackResult(FeedbackOutcome Outcome, FieldErrors Errors, PeerAssessmentRequestEntity? Request = null);

/// <summary>The council's feedback as its writer gets it back, and as the peer group's leads read it (with who wrote it, while they are a contact).</summary>
public sealed record FeedbackView(string? Helped, string? DidNotHelp, DateTimeOffset GivenAt, DateTimeOffset OpenUntil, string? GivenBy)
{
    public static FeedbackView? Of(PeerAssessmentRequestEntity request, string? givenBy = null) =>
        request.FeedbackAt is { } at && CouncilFeedback.OpenUntil(request) is { } until
            ? new FeedbackView(request.FeedbackHelped, request.FeedbackDidNotHelp, at, until, givenBy)
            : null;
}

/// <summary>
/// After the report is published, the assessed council says what helped and what did not: one feedback per request,
/// which any of its approved contacts may give and replace until 30 days after publication. Only the peer group's leads
/// read it (not the panel, not other councils, not organisers, not the dashboard, feed or workbook). Kept on the request
/// row, ETag-guarded; the write is audited without its text.
/// </summary>
public sealed class CouncilFeedback(PeerAssessmentRequestStore store, ContactStore contacts, AuditLog audit, TimeProvider clock)
{
    public const int MaxLength = 1200;
    public const string NoneGiven = "none";
    public static readonly TimeSpan OpenFor = TimeSpan.FromDays(30);

    /// <summary>What a form or client states it is replacing: the feedback's <c>givenAt</c>, or <see cref="NoneGiven"/>.</summary>
    public static string Replacing(PeerAssessmentRequestEntity request) =>
        request.FeedbackAt is { } at ? at.ToString("O", CultureInfo.InvariantCulture) : NoneGiven;

    public static string Href(string reference) => $"/assessments/peer-requests/{reference}/feedback";

    public static DateTimeOffset? OpenUntil(PeerAssessmentRequestEntity request) =>
        request.Status == PeerAssessmentRequestEntity.ReportPublished && request.ReportPublishedAt is { } at ? at + OpenFor : null;

    public bool IsOpen(PeerAssessmentRequestEntity request) => OpenUntil(request) is { } until && clock.GetUtcNow() < until;

    /// <summary>The council's own request once its report is published; else null (another council's is as unknown as a made-up one).</summary>
    public async Task<PeerAssessmentRequestEntity?> FindAsync(CouncilScope scope, string reference, CancellationToken cancellationToken) =>
        await store.FindAsync(scope.Region, reference, cancellationToken) is { } request
        && request.GssCode == scope.GssCode && request.Status == PeerAssessmentRequestEntity.ReportPublished
            ? request
            : null;

    public async Task<FeedbackResult> SaveAsync(CouncilScope scope, string reference, FeedbackBody body, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await FindAsync(scope, reference, cancellationToken) is not { } request)
            {
                return new FeedbackResult(FeedbackOutcome.NotFound, new FieldErrors());
            }

            if (!IsOpen(request))
            {
                return new FeedbackResult(FeedbackOutcome.Closed, new FieldErrors(), request);
            }

            var errors = new FieldErrors();
            var helped = errors.OptionalMultilineText("helped", body.Helped, "What helped", MaxLength);
            var didNotHelp = errors.OptionalMultilineText("didNotHelp", body.DidNotHelp, "What did not help", MaxLength);
            if (errors.IsValid && helped is null && didNotHelp is null)
            {
                errors.Add("helped", "Say what helped, what did not help, or both");
            }

            var stillAsSeen = StillAsSeen(request, body.Replacing);
            if (stillAsSeen is null)
            {
                errors.Add("replacing", $"Give replacing as the givenAt of the feedback you are replacing, or {NoneGiven} if there was none");
            }

            if (!errors.IsValid)
            {
                return new FeedbackResult(FeedbackOutcome.Invalid, errors, request);
            }

            if (stillAsSeen == false)
            {
                return new FeedbackResult(FeedbackOutcome.Changed, errors, request);
            }

            request.FeedbackHelped = helped;
            request.FeedbackDidNotHelp = didNotHelp;
            request.FeedbackAt = clock.GetUtcNow();
            request.FeedbackBy = scope.ContactKey;
            try
            {
                await store.UpdateAsync(request, cancellationToken);
                await audit.WriteAsync($"contact:{scope.ContactReference}", "peer-assessment.feedback-given", $"{scope.GssCode}/{reference}", cancellationToken: cancellationToken);
                return new FeedbackResult(FeedbackOutcome.Saved, errors, request);
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Another contact confirmed reading, or gave feedback, meanwhile: read it again.
            }
        }

        throw new RequestFailedException(503, "The request kept changing while the feedback was being saved.");
    }

    /// <summary>Whether the feedback is still what the writer saw (true when they did not say); null when what they said is not a time.</summary>
    private static bool? StillAsSeen(PeerAssessmentRequestEntity request, string? replacing)
    {
        if (replacing is null)
        {
            return true;
        }

        if (replacing.Trim() == NoneGiven)
        {
            return request.FeedbackAt is null;
        }

        if (!DateTimeOffset.TryParse(replacing, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var seen))
        {
            return null;
        }

        // Within a millisecond: storage may keep fewer digits than the clock gave.
        return request.FeedbackAt is { } at && Math.Abs((at - seen).TotalMilliseconds) < 1;
    }

    /// <summary>For the peer group's leads: the feedback and who gave it (null once they are erased or no longer a contact).</summary>
    public async Task<FeedbackView?> ForLeadsAsync(PeerAssessmentRequestEntity request, CancellationToken cancellationToken)
    {
        var writer = string.IsNullOrEmpty(request.FeedbackBy) ? null : await contacts.GetAsync(request.PartitionKey, request.GssCode, request.FeedbackBy, cancellationToken);
        return FeedbackView.Of(request, writer?.ContactName);
    }
}
