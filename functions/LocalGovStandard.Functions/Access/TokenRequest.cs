namespace LocalGovStandard.Access;

/// <summary>The body of <c>POST /api/access/token</c>: the token from an emailed sign-in link.</summary>
public sealed record TokenRequest(string? Token);
