namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>The console's form that starts a peer group, from regions or from councils. None of these cases may store a group.</summary>
public static class PeerGroupCases
{
    private const string Route = "POST /organiser/peer-groups/new/{kind}";
    private const string FormExpired = "Your form has expired";

    public static IEnumerable<BadInputCase> FromCouncils() =>
        new FormRouteCases(Route, f => f.Organiser, _ => "/organiser/peer-groups/new/councils")
            .Field("name", NastyValues.RequiredText(80).Take(6))
            .Field("councils", [("unknown code", "\"E99999999\""), ("ended council", "\"E07000153\""), ("markup", NastyValues.Quote("<script>alert(1)</script>")), ("formula", "\"=1+1\""), ("100,000 characters", NastyValues.Quote(new string('E', 100_000)))], Named)
            .Missing("councils")
            .Field("leads[0].email", [("not an email", "\"lead at example\""), ("CR/LF", NastyValues.Quote("a@b.gov.uk\r\nBcc: x@evil.example"))], fields =>
            {
                Named(fields);
                fields.Set("leads[0].name", "Lead");
            })
            .BrokenPosts(FormExpired, "name")
            .All;

    public static IEnumerable<BadInputCase> FromRegions() =>
        new FormRouteCases(Route, f => f.Organiser, _ => "/organiser/peer-groups/new/regions")
            .Change("regions: a region another group covers", fields =>
            {
                Named(fields);
                fields.Set("regions", "london");
            }, new Expectation.Page("#regions"))
            .Change("regions: not a region", fields =>
            {
                Named(fields);
                fields.Set("regions", "atlantis");
            }, new Expectation.Page("#regions"))
            .Change("regions: none chosen", Named, new Expectation.Page("#regions"))
            .All;

    private static void Named(List<KeyValuePair<string, string>> fields) => fields.Set("name", "Test peer group");
}
