namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>The schedule-a-meet-up form, as the console shows it and as a peer group's lead sees it (the fixture's contact leads London).</summary>
public static class EventCases
{
    private const string FormExpired = "Your form has expired";

    public static IEnumerable<BadInputCase> ConsoleSchedule() =>
        Schedule("POST /organiser/peer-groups/{slug}/events", f => f.Organiser, "/organiser/peer-groups/london/events");

    public static IEnumerable<BadInputCase> LeadSchedule() =>
        Schedule("POST /peer-groups/{slug}/events", f => f.Pages, "/peer-groups/london/events");

    private static IEnumerable<BadInputCase> Schedule(string route, Func<BadInputFixture, Infrastructure.PageSession> session, string page) =>
        new FormRouteCases(route, session, _ => page, page)
            .Field("title", NastyValues.RequiredText(120).Take(6), Valid)
            .Field("points", [("not a number", "\"one\""), ("not a point of the Standard", "\"99\""), ("formula", "\"=1+1\"")], Valid)
            .Field("startsAt-day", [("empty", "\"\""), ("formula", "\"=NOW()\""), ("31st of February", "\"31\"")], fields =>
            {
                Valid(fields);
                fields.Set("startsAt-month", "2");
            })
            .Field("startsAt-time", [("empty", "\"\""), ("12-hour", "\"6pm\""), ("the hour the clocks skip", "\"01:30\"")], fields =>
            {
                Valid(fields);
                fields.Set("startsAt-day", "30");
                fields.Set("startsAt-month", "3");
                fields.Set("startsAt-year", "2031");
            })
            .Field("onlineLink", [("plain http", "\"http://meet.example.gov.uk/x\""), ("script URL", "\"javascript:alert(1)\""), ("with a password", "\"https://user:pass@example.gov.uk/\"")], Valid)
            .Field("capacity", [("not a number", "\"lots\""), ("none", "\"0\""), ("huge", "\"99999999999999999999\"")], Valid)
            .Field("meetings", [("27", "\"27\""), ("not a number", "\"many\"")], Valid)
            .Field("everyWeeks", [("0", "\"0\""), ("negative", "\"-6\"")], Valid)
            .Field("speaker1Talk", [("empty with a name", "\"\"")], fields =>
            {
                Valid(fields);
                fields.Set("speaker1Name", "Asha Patel");
                fields.Set("speaker1Organisation", "Camden Council");
            })
            .Field("agenda", [("4,001 characters", NastyValues.Quote(new string('a', 4001)))], Valid)
            .Change("venue: neither a venue nor an online link", fields =>
            {
                Valid(fields);
                fields.Set("venue", "");
                fields.Set("onlineLink", "");
            }, new Expectation.Page("#venue"))
            .BrokenPosts(FormExpired, "agenda", Valid)
            .All;

    private static void Valid(List<KeyValuePair<string, string>> fields)
    {
        fields.Set("title", "User research in practice");
        fields.Set("points", "1");
        fields.Set("startsAt-day", "4");
        fields.Set("startsAt-month", "3");
        fields.Set("startsAt-year", "2031");
        fields.Set("startsAt-time", "18:00");
        fields.Set("venue", "City Hall");
        fields.Set("address", "Kamal Chunchie Way, London");
        fields.Set("capacity", "40");
        fields.Set("meetings", "4");
        fields.Set("everyWeeks", "6");
    }
}
