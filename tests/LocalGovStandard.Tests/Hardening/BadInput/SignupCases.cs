using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

public static class SignupCases
{
    private static readonly (string, string)[] CouncilsThatCannotSignUp =
    [
        ("not in the register", "\"E09999999\""),
        ("an ended authority", NastyValues.Quote(TestRegister.Kettering.GssCode)),
    ];

    private static readonly (string, string)[] Consent = [("false", "false"), ("a string", "\"yes\""), ("null", "null"), ("a number", "1")];

    public static IEnumerable<BadInputCase> Api() =>
        new JsonRouteCases("POST /api/signups", HttpMethod.Post, _ => "/api/signups", BadInputFixture.SignupBody())
            .Field("councilCode", NastyValues.Code().Concat(CouncilsThatCannotSignUp))
            .Field("contactName", NastyValues.RequiredText(100))
            .Field("contactEmail", NastyValues.Email())
            .Field("jobTitle", NastyValues.RequiredText(100))
            .Field("adoptionRoute", NastyValues.Code())
            .Field("consentToContact", Consent)
            .Field("consentToPublish", [("a string", "\"yes\"")])
            .Missing("councilCode", "contactName", "contactEmail", "jobTitle", "adoptionRoute", "consentToContact")
            .BrokenBodies("contactName")
            .All;

    public static IEnumerable<BadInputCase> Form()
    {
        static void Valid(List<KeyValuePair<string, string>> fields)
        {
            fields.Set("councilCode", TestRegister.Westminster.GssCode);
            fields.Set("contactName", "Ada Lovelace");
            fields.Set("contactEmail", "ada@westminster.gov.uk");
            fields.Set("jobTitle", "Head of Digital");
            fields.Set("adoptionRoute", "digital-strategy");
            fields.Set("consentToContact", "true");
        }

        return new FormRouteCases("POST /signup", PageSession.Anonymous, _ => "/signup")
            .Field("councilCode", NastyValues.Code().Concat(CouncilsThatCannotSignUp), Valid)
            .Field("contactName", NastyValues.RequiredText(100), Valid)
            .Field("contactEmail", NastyValues.Email(), Valid)
            .Field("jobTitle", NastyValues.RequiredText(100), Valid)
            .Field("adoptionRoute", NastyValues.Code(), Valid)
            .Change("consentToContact: not ticked", fields =>
            {
                Valid(fields);
                fields.Remove("consentToContact");
            }, new Expectation.Page("#consentToContact"))
            .BrokenPosts("Your form has expired", "contactName")
            .All;
    }

    /// <summary>The answer on the emailed approval link's page.</summary>
    public static IEnumerable<BadInputCase> Approve() =>
        new FormRouteCases("POST /signup/approve", PageSession.Anonymous, f => f.ApprovalPath)
            .Tokens("This link is not valid")
            .BrokenPosts("Your form has expired", largestField: null)
            .All;

    /// <summary>The button on the emailed verification link's page.</summary>
    public static IEnumerable<BadInputCase> Verify() =>
        new FormRouteCases("POST /signup/verify", PageSession.Anonymous, f => f.VerificationPath)
            .Tokens("This link is not valid")
            .BrokenPosts("Your form has expired", largestField: null)
            .All;
}
