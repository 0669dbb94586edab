namespace LocalGovStandard.Assessments;

/// <summary>The body of rating one point of a draft.</summary>
public sealed record PointRequest(string? Rating, string? Notes);

/// <summary>The body of a submit: the panel's overall rating, where the standard asks for one.</summary>
public sealed record SubmitRequest(string? OverallRating);

/// <summary>The body of marking an action done: what was done.</summary>
public sealed record ActionDoneRequest(string? Note);
