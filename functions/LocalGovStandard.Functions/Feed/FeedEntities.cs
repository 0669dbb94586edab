using System.ComponentModel.DataAnnotations;

namespace LocalGovStandard.Feed;

// The feed's entity types: council and activity facts only. Contacts' names and addresses are never here.

public sealed class FeedCouncil
{
    /// <summary>The council's GSS code, or the register's local-authority-code when it has none (see <see cref="Register.Council.Code"/>).</summary>
    [Key] public string Code { get; set; } = "";
    public string? GssCode { get; set; }
    public string LocalAuthorityCode { get; set; } = "";
    public string Name { get; set; } = "";
    public string Nation { get; set; } = "";
    public string Region { get; set; } = "";

    /// <summary>The slugs of the peer groups the council is in (its region's group, and a list of councils that names it), comma-separated.</summary>
    public string PeerGroups { get; set; } = "";
    public string AuthorityType { get; set; } = "";
    public bool CanSignUp { get; set; }
}

public sealed class FeedSignUp
{
    [Key] public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string Region { get; set; } = "";
    public DateTimeOffset SignedUpAt { get; set; }
    public string SignedUpMonth { get; set; } = "";
    public int VerifiedContacts { get; set; }
}

public sealed class FeedAssessment
{
    [Key] public string Id { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string Reference { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string Region { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public string Phase { get; set; } = "";
    public string Type { get; set; } = "";
    public string StandardId { get; set; } = "";
    public string OverallResult { get; set; } = "";
    public bool OverallPasses { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string SubmittedMonth { get; set; } = "";
    public string? PredecessorReference { get; set; }

    /// <summary>Not replaced by a later reassessment: the assessments the headline figures count.</summary>
    public bool Current { get; set; }
}

public sealed class FeedPointResult
{
    [Key] public string Id { get; set; } = "";
    public string AssessmentId { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string Region { get; set; } = "";
    public string StandardId { get; set; } = "";
    public int PointNumber { get; set; }
    public string Rating { get; set; } = "";
    public bool MetOrGreen { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public bool Current { get; set; }
}

public sealed class FeedAction
{
    [Key] public string Id { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string Region { get; set; } = "";
    public string AssessmentReference { get; set; } = "";
    public string StandardId { get; set; } = "";
    public int PointNumber { get; set; }
    public string PointTitle { get; set; } = "";
    public string Rating { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? ClosedByReference { get; set; }
    public string? ClosingRating { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The result of a reassessment that left the action open.</summary>
    public string? ReassessedRating { get; set; }

    /// <summary>When it stopped being open (done or closed), or null while open: it was open at the end of a month when CreatedAt is before that instant and OpenUntil is null or not before it.</summary>
    public DateTimeOffset? OpenUntil { get; set; }

    /// <summary>Today's state, like <see cref="Status"/>; for a past month use CreatedAt, DueAt and OpenUntil.</summary>
    public bool Overdue { get; set; }
}

public sealed class FeedMonthlySnapshot
{
    [Key] public string Id { get; set; } = "";
    public string Month { get; set; } = "";
    public string Region { get; set; } = "";
    public string Standard { get; set; } = "";
    public int Councils { get; set; }
    public int SignedUp { get; set; }
    public int WithVerifiedContact { get; set; }
    public int Assessed { get; set; }
    public int SubmittedInMonth { get; set; }
    public int SubmittedToDate { get; set; }
    public int PointsRated { get; set; }
    public int PointsPassing { get; set; }
    public int ActionsOpen { get; set; }
    public int ActionsOverdue { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
}

/// <summary>
/// How a headline figure is worked out from a <see cref="FeedMonthlySnapshot"/>'s counts (summed over the
/// regions wanted): <see cref="Numerator"/>, or for a share <see cref="Numerator"/> / <see cref="Denominator"/>.
/// </summary>
public sealed class FeedHeadline
{
    [Key] public string Id { get; set; } = "";
    public string Label { get; set; } = "";
    public string Definition { get; set; } = "";

    /// <summary><c>count</c> or <c>share</c>.</summary>
    public string Kind { get; set; } = "";
    public string Numerator { get; set; } = "";
    public string? Denominator { get; set; }

    /// <summary>For a share, what the service shows while the denominator is 0: "0", or words such as "no ratings"; empty for a count.</summary>
    public string? WhenDenominatorIsZero { get; set; }
}

/// <summary>A council's support need for one point, from its latest answers. Who answered is never here.</summary>
public sealed class FeedSupportNeed
{
    /// <summary>"{GssCode}|{PointNumber}".</summary>
    [Key] public string Id { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string Region { get; set; } = "";
    public string StandardId { get; set; } = "";
    public int PointNumber { get; set; }
    public string PointTitle { get; set; } = "";

    /// <summary>well, partly, a-little or not-at-all.</summary>
    public string Understanding { get; set; } = "";

    /// <summary>none, some or a-lot.</summary>
    public string Support { get; set; } = "";

    /// <summary>Which of the council's answer sets this is (1 is its first).</summary>
    public int AnswerSet { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
}

/// <summary>A council's request for a peer assessment, as it stands now. Who asked and who sat on the panel are never here.</summary>
public sealed class FeedPeerAssessment
{
    /// <summary>The request's reference.</summary>
    [Key] public string Reference { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string Region { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public string Phase { get; set; } = "";
    public string StandardId { get; set; } = "";

    /// <summary>requested, panel-confirmed or report-published.</summary>
    public string Status { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public string RequestedMonth { get; set; } = "";

    /// <summary>The confirmed panel's day, at midnight UTC; empty until a lead confirms a panel.</summary>
    public DateTimeOffset? PanelDate { get; set; }
    public DateTimeOffset? ReportPublishedAt { get; set; }

    /// <summary>Held: the report is published, or the panel's day has come.</summary>
    public bool Held { get; set; }

    /// <summary>A value of the standard's overall ratings (met / not-met, green / amber / red); empty until the report is published.</summary>
    public string? Outcome { get; set; }

    /// <summary>Whole days from the request to the assessment day; empty until held.</summary>
    public int? DaysToAssessment { get; set; }
    public string? ReassessmentOf { get; set; }

    /// <summary>The places on its panel that were accepted: never a name.</summary>
    public int PanelSeats { get; set; }
}

/// <summary>A council's peer-assessment load now: places its assessors accepted on panels whose report is published, against its own assessments held.</summary>
public sealed class FeedAssessorLoad
{
    [Key] public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string Region { get; set; } = "";
    public int AssessmentsGiven { get; set; }
    public int AssessmentsReceived { get; set; }
    public bool GivesBack { get; set; }
}
