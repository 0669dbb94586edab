using System.Text.Json.Nodes;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>The admin API's requests about an address that is not a contact's: export and erase, each naming the address in its body.</summary>
public static class PeopleErasureCases
{
    public static IEnumerable<BadInputCase> Export() => Cases("POST /api/admin/people/personal-data", "/api/admin/people/personal-data");

    public static IEnumerable<BadInputCase> Erase() => Cases("POST /api/admin/people/erase", "/api/admin/people/erase");

    private static IEnumerable<BadInputCase> Cases(string route, string path) =>
        new JsonRouteCases(route, HttpMethod.Post, _ => path, new JsonObject { ["email"] = "nobody.registered@camden.gov.uk" }, f => f.CreateAdminClient())
            .Field("email", [
                ("empty", "\"\""),
                ("spaces", NastyValues.Quote("   ")),
                ("no at sign", NastyValues.Quote("ada.westminster.gov.uk")),
                ("two at signs", NastyValues.Quote("ada@@westminster.gov.uk")),
                ("CR/LF header injection", NastyValues.Quote("ada@westminster.gov.uk\r\nBcc: victim@example.com")),
                ("HTML and script", NastyValues.Quote("<script>alert(1)</script>@westminster.gov.uk")),
                ("overlong", NastyValues.Quote(new string('a', 250) + "@westminster.gov.uk")),
                ("number", "7"),
                ("null", "null"),
            ])
            .Missing("email")
            .Case("email: a contact's address", new JsonObject { ["email"] = BadInputFixture.Contact }.ToJsonString(),
                new Expectation.Problem(409, "belongs to a contact"))
            .BrokenBodies("email")
            .All;
}
