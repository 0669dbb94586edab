namespace LocalGovStandard.Platform.Errors;

/// <summary>
/// A dependency failed after part of the work was saved. It answers 503 with Retry-After and a reference like any
/// dependency fault, but with its own detail (what was saved and how to finish), where the generic answer would say
/// nothing was saved.
/// </summary>
public sealed class UnfinishedException(string detail, Exception inner) : Exception(detail, inner);
