using LocalGovStandard.PeerAssessments.Requests;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>The body of <c>PUT /api/admin/peer-assessments/{ref}/panel</c>, and what the panel form posts.</summary>
public sealed record PanelChoice(string? Date, IReadOnlyList<PanelMemberChoice?>? Members);

public sealed record PanelMemberChoice(string? RoleId, string? AssessorId);

/// <summary>One problem with a choice: the API's field (<c>members[2].assessorId</c>) and the page's (<c>role-design</c>).</summary>
public sealed record PanelError(string ApiField, string PageField, string Message);

public enum PanelOutcome
{
    Saved,
    Invalid,

    /// <summary>The request changed since the caller read it (another lead, another tab): nothing was written.</summary>
    Changed,

    /// <summary>The report is published: the panel is on the record and no longer changes.</summary>
    Closed,
}

public sealed record PanelResult(PanelOutcome Outcome, PeerAssessmentRequestEntity Request, IReadOnlyList<PanelError> Errors)
{
    /// <summary>A page's status for a result that was not saved: 409 when the request changed or closed, else 400.</summary>
    public int PageStatus => Outcome is PanelOutcome.Changed or PanelOutcome.Closed ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;

    public Dictionary<string, string[]> ApiErrors() =>
        Errors.GroupBy(e => e.ApiField).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}

/// <summary>What an answer through an emailed link did.</summary>
public enum ResponseOutcome
{
    Accepted,
    Declined,

    /// <summary>The seat is no longer theirs on that date: the lead moved the date, removed them, or the report is out.</summary>
    NoLongerOpen,

    /// <summary>The token was changed, cut short or made for something else.</summary>
    NotValid,
}
