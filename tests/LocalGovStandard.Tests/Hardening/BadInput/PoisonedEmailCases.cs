namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>The console's poisoned-email page: sending one email, or all of them, again (the fixture put one in the poison queue).</summary>
public static class PoisonedEmailCases
{
    public static IEnumerable<BadInputCase> Requeue() =>
        new FormRouteCases("POST /organiser/email/poisoned", f => f.Organiser, _ => "/organiser/email/poisoned")
            .Field("message", [("empty", "\"\""), ("not in the poison queue", "\"no-such-message\""), ("HTML and script", NastyValues.Quote("<script>alert(1)</script>"))])
            .Missing("message")
            .BrokenPosts("Your form has expired", largestField: null)
            .All;
}
