using LocalGovStandard.Summits;

namespace LocalGovStandard.Privacy;

/// <summary>Everything the service holds about one contact (UK GDPR right of access), as one JSON document.</summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    string Reference,
    ExportedCouncil Council,
    ExportedContact Contact,
    IReadOnlyList<ExportedAssessment> Assessments,
    IReadOnlyList<ExportedAction> ActionsMarkedDone,
    IReadOnlyList<ExportedPanelPlace> PanelPlaces,
    IReadOnlyList<ExportedInvitation> SummitInvitations,
    IReadOnlyList<string> PeerGroupsLed,
    ExportedSuppression? SummitMailSuppression,
    IReadOnlyList<ExportedEmail> Emails,
    IReadOnlyList<ExportedAuditEntry> AuditEntries);

public sealed record ExportedCouncil(string Code, string Name, string Region);

public sealed record ExportedContact(
    string Name, string Email, string JobTitle, string AdoptionRoute, string Status, DateTimeOffset CreatedAt, DateTimeOffset? VerifiedAt,
    bool ConsentToContact, DateTimeOffset? ConsentToContactAt, bool ConsentToPublish, DateTimeOffset? ConsentToPublishAt, string VerificationEmail);

public sealed record ExportedAssessment(string Reference, string ServiceName, string Type, string Status, bool Created, bool Submitted, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt);

public sealed record ExportedAction(string AssessmentReference, int Point, string PointTitle, DateTimeOffset? DoneAt, string? Note);

public sealed record ExportedPanelPlace(string CouncilCode, string AssessmentReference, string ServiceName, string Name, string Role);

public sealed record ExportedInvitation(
    string SummitId, string SummitName, DateTimeOffset InvitedAt, string Reason, string Response, DateTimeOffset? RespondedAt,
    int? WaitlistPosition, string? BadgeName, string? DietaryNeeds, string? AccessNeeds)
{
    public static ExportedInvitation From(SummitEntity summit, InvitationEntity i, int? waitingPlace) => new(
        summit.SummitId, summit.Name, i.InvitedAt, i.Reason, i.Response, i.RespondedAt, waitingPlace, i.BadgeName, i.DietaryNeeds, i.AccessNeeds);
}

public sealed record ExportedSuppression(DateTimeOffset UnsubscribedAt, string Source);

public sealed record ExportedEmail(string Stream, string MessageId, string Category, string Subject, string Status, DateTimeOffset? SentAt);

public sealed record ExportedAuditEntry(DateTimeOffset At, string Actor, string Action, string Subject);
