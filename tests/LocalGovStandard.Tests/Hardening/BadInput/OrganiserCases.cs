namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>The organiser console's forms. Wrong organiser keys are left to the throttle tests: each one is audited, which is a change in storage.</summary>
public static class OrganiserCases
{
    private const string FormExpired = "Your form has expired";

    private static readonly (string, string)[] Months =
    [
        ("empty", "\"\""), ("not a month", "\"November\""), ("month 13", "\"2026-13\""), ("formula", "\"=2026-10\""), ("CR/LF", "\"2026-10\\r\\nX: y\""),
    ];

    public static IEnumerable<BadInputCase> SignIn() =>
        new FormRouteCases("POST /organiser/sign-in", f => f.OrganiserSignedOut, _ => "/organiser/sign-in")
            .Field("key", [("empty", "\"\"")])
            .Missing("key")
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> SignOut() =>
        new FormRouteCases("POST /organiser/sign-out", f => f.OrganiserSignOut, _ => "/organiser", "/organiser/sign-out")
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> Register() =>
        new FormRouteCases("POST /organiser/register", f => f.Organiser, _ => "/organiser/register")
            .Change("no file", _ => { }, new Expectation.Page("#register"))
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> PeerGroup() =>
        new FormRouteCases("POST /organiser/peer-groups/{slug}", f => f.Organiser, _ => "/organiser/peer-groups/london")
            .Field("name", NastyValues.RequiredText(80).Take(6))
            .Field("leads[0].email", [("not an email", "\"lead at example\""), ("CR/LF", NastyValues.Quote("a@b.gov.uk\r\nBcc: x@evil.example"))], fields => fields.Set("leads[0].name", "Lead"))
            .BrokenPosts(FormExpired, "name")
            .All;

    public static IEnumerable<BadInputCase> RunReports() =>
        new FormRouteCases("POST /organiser/reports/run", f => f.Organiser, _ => "/organiser/reports?month=2026-10", "/organiser/reports/run")
            .Field("month", Months)
            .Field("peerGroup", [("unknown group", "\"atlantis\""), ("markup", "\"<script>alert(1)</script>\"")])
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> CreateSummit() =>
        new FormRouteCases("POST /organiser/summits", f => f.Organiser, _ => "/organiser/summits/new")
            .Field("name", NastyValues.RequiredText(120).Take(6), Valid)
            .Field("startsAt-day", [("empty", "\"\""), ("not a number", "\"next Tuesday\""), ("formula", "\"=NOW()\""), ("31st of February", "\"31\"")], fields =>
            {
                Valid(fields);
                fields.Set("startsAt-month", "2");
            })
            .Field("startsAt-month", [("empty", "\"\"")], Valid)
            .Field("startsAt-month", [("13", "\"13\""), ("HTML and script", NastyValues.Quote("<script>alert(1)</script>"))], Valid, errorField: "startsAt-day")
            .Field("startsAt-year", [("two digits", "\"27\""), ("in the past", "\"2020\"")], Valid, errorField: "startsAt-day")
            .Field("startsAt-time", [("empty", "\"\""), ("12-hour", "\"9:30am\""), ("25:00", "\"25:00\""), ("the hour the clocks skip", "\"01:30\"")], fields =>
            {
                Valid(fields);
                SummitDate(fields, "startsAt", "28", "3", "2027");
            })
            .Field("endsAt-month", [("0", "\"0\"")], Valid, errorField: "endsAt-day")
            .Field("endsAt-time", [("not a time", "\"lunchtime\"")], Valid)
            .Field("endsAt-time", [("before it starts", "\"08:00\"")], Valid, errorField: "endsAt-day")
            .Field("rsvpBy-day", [("empty", "\"\""), ("formula", "\"=1+1\"")], Valid)
            .Field("rsvpBy-time", [("empty", "\"\""), ("seconds", "\"17:00:00\"")], Valid)
            .Field("capacity", [("not a number", "\"lots\""), ("negative", "\"-1\""), ("huge", "\"99999999999999999999\"")], Valid)
            .Field("address", [("301 characters", NastyValues.Quote(new string('a', 301)))], Valid)
            .BrokenPosts(FormExpired, "description", Valid)
            .All;

    public static IEnumerable<BadInputCase> SendSummit() =>
        new FormRouteCases("POST /organiser/summits/{summitId}/send", f => f.Organiser,
                f => $"/organiser/summits/{f.SummitId}/send?verifiedOnOrBefore=2026-02-28&peerGroups=midlands", f => $"/organiser/summits/{f.SummitId}/send")
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> RemindSummit() =>
        new FormRouteCases("POST /organiser/summits/{summitId}/reminders", f => f.Organiser,
                f => $"/organiser/summits/{f.SummitId}/reminders?round=1", f => $"/organiser/summits/{f.SummitId}/reminders")
            .Field("round", [("zero", "\"0\""), ("21", "\"21\""), ("not a number", "\"next\""), ("formula", "\"=1+1\""), ("negative", "\"-1\"")])
            .Missing("round")
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> EraseContact() =>
        new FormRouteCases("POST /organiser/contacts/{councilCode}/{reference}/erase", f => f.Organiser, f => f.ContactPage + "/erase")
            .Change("confirm: missing", fields => fields.Remove("confirm"), new Expectation.Page("#confirm"))
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> Approvals() =>
        new FormRouteCases("POST /organiser/approvals", f => f.Organiser, _ => "/organiser/approvals")
            .Change("nobody selected", fields => fields.Set("action", "approve"), new Expectation.Page("#contact"))
            .Change("action: unknown", fields => fields.Set("action", "delete-everyone"), new Expectation.Page("#contact"))
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> ContactStanding() =>
        new FormRouteCases("POST /organiser/contacts/{councilCode}/{reference}/standing", f => f.Organiser, f => f.ContactPage, f => f.ContactPage + "/standing")
            .Change("action: missing", fields => fields.Remove("action"), new Expectation.Page("Page not found"))
            .Change("action: unknown", fields => fields.Set("action", "erase"), new Expectation.Page("Page not found"))
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> ImportDomains() =>
        new FormRouteCases("POST /organiser/domains", f => f.Organiser, _ => "/organiser/domains", "/organiser/domains")
            .Change("no file", _ => { }, new Expectation.Page("#domains"))
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> CouncilDomains() =>
        new FormRouteCases("POST /organiser/domains/{gssCode}", f => f.Organiser, _ => "/organiser/domains/E09000007")
            .Field("domains", [("the whole of gov.uk", "\"gov.uk\""), ("not a domain", "\"not a domain\""), ("another country's", "\"camden.example.com\""), ("markup", "\"<script>alert(1)</script>.gov.uk\"")])
            .BrokenPosts(FormExpired, "domains")
            .All;

    /// <summary>A summit the form would accept, so each case fails only on the field it changes.</summary>
    private static void Valid(List<KeyValuePair<string, string>> fields)
    {
        fields.Set("name", "Standard Summit");
        SummitDate(fields, "startsAt", "4", "3", "2027");
        fields.Set("startsAt-time", "09:30");
        SummitDate(fields, "endsAt", "4", "3", "2027");
        fields.Set("endsAt-time", "16:30");
        fields.Set("venue", "Guildhall");
        fields.Set("address", "Gresham Street, London");
        fields.Set("capacity", "100");
        SummitDate(fields, "rsvpBy", "18", "2", "2027");
        fields.Set("rsvpBy-time", "17:00");
    }

    private static void SummitDate(List<KeyValuePair<string, string>> fields, string field, string day, string month, string year)
    {
        fields.Set($"{field}-day", day);
        fields.Set($"{field}-month", month);
        fields.Set($"{field}-year", year);
    }
}
