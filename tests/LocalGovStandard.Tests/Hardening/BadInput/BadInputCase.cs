namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// One bad request aimed at one public route (<c>"POST /api/signups"</c>, as the app's endpoints
/// name it) and how the answer must name the problem.
/// </summary>
public sealed record BadInputCase(string Route, string Name, Func<BadInputFixture, Task<HttpResponseMessage>> Send, Expectation Expect)
{
    public string Id => $"{Route} :: {Name}";
}

/// <summary>How a refusal names the problem.</summary>
public abstract record Expectation
{
    /// <summary>API: ProblemDetails whose <c>errors</c> has this field.</summary>
    public sealed record Field(string Name) : Expectation;

    /// <summary>API: ProblemDetails with this status whose title or detail says this.</summary>
    public sealed record Problem(int Status, string Text) : Expectation;

    /// <summary>Page: a GOV.UK error summary or heading that says this.</summary>
    public sealed record Page(string Text) : Expectation;

    /// <summary>Any one of these (for example 413 from a server that limits bodies, else the field's length message).</summary>
    public sealed record AnyOf(params Expectation[] Options) : Expectation;
}
