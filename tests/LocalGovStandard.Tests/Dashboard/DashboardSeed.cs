using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>
/// A small, fixed history written straight to storage with exact timestamps (the API stamps "now"),
/// in months T-2, T-1 and T (T is the clock's month). It keeps what it wrote, and works out every
/// expected figure from that itself, independently of the product's calculator.
/// </summary>
public sealed class DashboardSeed
{
    public const string PersonName = "Zebedee Quillfeather-Vantablack";
    public const string PersonEmail = "zebedee.quillfeather@westminster.gov.uk";
    public const string PendingName = "Persephone Pendlewick-Ormsby";
    public const string PendingEmail = "persephone.pendlewick@camden.gov.uk";
    public const string QuietName = "Ignatius Quietly-Unlisted";
    public const string QuietEmail = "ignatius.quietly@camden.gov.uk";

    public static readonly string[] PersonalData = [PersonName, PersonEmail, PendingName, PendingEmail, QuietName, QuietEmail, "Birgitta Brummagem-Voss", "birgitta.voss@birmingham.gov.uk", "Dafydd Caerdydd-Llewellyn", "dafydd.llewellyn@cardiff.gov.uk"];

    public static readonly string[] StandardIds = ["lgdss-2016", "service-standard-2019"];

    public sealed record Signup(string Gss, string Region, DateTimeOffset At);
    public sealed record Contact(string Gss, string Region, string Name, string Email, DateTimeOffset? VerifiedAt, bool ConsentToPublish);
    public sealed record Assessment(string Gss, string Region, string Reference, string Standard, IReadOnlyDictionary<int, string> Ratings, DateTimeOffset SubmittedAt, string? Replaces);
    public sealed record Action(string Gss, string Region, string Reference, string Standard, int Point, string Status, DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset? DoneAt, string? ClosedBy);

    /// <summary>The councils that can sign up in the test register, by region slug.</summary>
    public static readonly IReadOnlyDictionary<string, string> RegionOf = new Dictionary<string, string>
    {
        [TestRegister.Westminster.GssCode] = "london",
        [TestRegister.Camden.GssCode] = "london",
        [TestRegister.Birmingham.GssCode] = "west-midlands",
        [TestRegister.Leicester.GssCode] = "east-midlands",
        [TestRegister.Cardiff.GssCode] = "wales",
        [TestRegister.Fife.GssCode] = "scotland",
    };

    public static readonly IReadOnlyDictionary<string, string[]> PeerGroupRegions = new Dictionary<string, string[]>
    {
        ["london"] = ["london"],
        ["midlands"] = ["east-midlands", "west-midlands"],
        ["wales"] = ["wales"],
        ["scotland"] = ["scotland"],
    };

    public DashboardSeed(DateTimeOffset now)
    {
        Now = now;
        T = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var t2 = T.AddMonths(-2).AddDays(4);
        var t1 = T.AddMonths(-1).AddDays(4);
        var t0 = T.AddHours(2);
        string wsm = TestRegister.Westminster.GssCode, cmd = TestRegister.Camden.GssCode, bir = TestRegister.Birmingham.GssCode, crf = TestRegister.Cardiff.GssCode;

        Signups = [new(wsm, "london", t2), new(cmd, "london", t1), new(bir, "west-midlands", t0), new(crf, "wales", t1)];
        Contacts =
        [
            new(wsm, "london", PersonName, PersonEmail, t2, ConsentToPublish: true),
            new(cmd, "london", PendingName, PendingEmail, null, ConsentToPublish: true),
            new(cmd, "london", QuietName, QuietEmail, t1, ConsentToPublish: false),
            new(bir, "west-midlands", "Birgitta Brummagem-Voss", "birgitta.voss@birmingham.gov.uk", t0, ConsentToPublish: true),
            new(crf, "wales", "Dafydd Caerdydd-Llewellyn", "dafydd.llewellyn@cardiff.gov.uk", t1, ConsentToPublish: true),
        ];
        Assessments =
        [
            new(wsm, "london", "WSM-A1", "lgdss-2016", Ratings(15, n => n is 2 or 5 ? "not-met" : "met"), t2, null),
            new(wsm, "london", "WSM-A2", "lgdss-2016", Ratings(15, n => n == 5 ? "not-met" : "met"), t0, "WSM-A1"),
            new(cmd, "london", "CMD-S1", "service-standard-2019", Ratings(14, n => n switch { 3 => "red", 4 => "amber", _ => "green" }), t1, null),
            new(crf, "wales", "CRF-A1", "lgdss-2016", Ratings(15, _ => "met"), t1, null),
        ];
        Actions =
        [
            new(wsm, "london", "WSM-A1", "lgdss-2016", 2, "closed", t2, T.AddMonths(-1).AddDays(10), null, "WSM-A2"),
            new(wsm, "london", "WSM-A1", "lgdss-2016", 5, "open", t2, T.AddMonths(-1).AddDays(10), null, null),
            new(wsm, "london", "WSM-A2", "lgdss-2016", 5, "open", t0, T.AddMonths(3), null, null),
            new(cmd, "london", "CMD-S1", "service-standard-2019", 3, "open", t1, T.AddMonths(1), null, null),
            new(cmd, "london", "CMD-S1", "service-standard-2019", 4, "done", t1, T.AddMonths(-1).AddDays(20), T.AddHours(3), null),
        ];
    }

    public DateTimeOffset Now { get; }

    /// <summary>The start of the clock's month.</summary>
    public DateTimeOffset T { get; }

    public string Month(int offset) => T.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public IReadOnlyList<Signup> Signups { get; }
    public IReadOnlyList<Contact> Contacts { get; }
    public IReadOnlyList<Assessment> Assessments { get; }
    public IReadOnlyList<Action> Actions { get; }

    /// <summary>Councils' support-needs answer sets (the support asked for, by point; every other point none), as the current code stores them.</summary>
    public sealed record Needs(string Gss, int Version, IReadOnlyDictionary<int, string> Support);

    /// <summary>Westminster answered twice (the second counts), Camden and Birmingham once: London has two councils, the Midlands one.</summary>
    public IReadOnlyList<Needs> SupportNeeds { get; } =
    [
        new(TestRegister.Westminster.GssCode, 1, new Dictionary<int, string> { [1] = "a-lot" }),
        new(TestRegister.Westminster.GssCode, 2, new Dictionary<int, string> { [3] = "a-lot", [5] = "some" }),
        new(TestRegister.Camden.GssCode, 1, new Dictionary<int, string> { [3] = "some" }),
        new(TestRegister.Birmingham.GssCode, 1, new Dictionary<int, string> { [3] = "a-lot", [14] = "some" }),
    ];

    public async Task WriteAsync(ServiceFixture fixture)
    {
        var service = new TableServiceClient(fixture.Storage.ConnectionString);
        var signups = service.GetTableClient("Signups");
        foreach (var signup in Signups)
        {
            await signups.UpsertEntityAsync(new TableEntity(signup.Region, signup.Gss)
            {
                ["Kind"] = "council", ["CouncilName"] = signup.Gss, ["SignedUpAt"] = signup.At,
                ["VerifiedContacts"] = Contacts.Count(c => c.Gss == signup.Gss && c.VerifiedAt is not null),
            });
        }

        var key = 0;
        foreach (var contact in Contacts)
        {
            key++;
            await signups.UpsertEntityAsync(new TableEntity(contact.Region, $"{contact.Gss}|key{key}")
            {
                ["Kind"] = "contact", ["ContactKey"] = $"key{key}", ["Reference"] = $"REF{key}", ["GssCode"] = contact.Gss, ["CouncilName"] = contact.Gss,
                ["ContactName"] = contact.Name, ["ContactEmail"] = contact.Email, ["JobTitle"] = "Head of digital", ["AdoptionRoute"] = "both",
                ["ConsentToContact"] = true, ["ConsentToPublish"] = contact.ConsentToPublish,
                ["Status"] = contact.VerifiedAt is null ? "pending-verification" : "verified", ["CreatedAt"] = contact.VerifiedAt ?? T, ["VerifiedAt"] = contact.VerifiedAt,
            });
        }

        var submitted = service.GetTableClient("SubmittedAssessments");
        foreach (var assessment in Assessments)
        {
            await submitted.UpsertEntityAsync(new TableEntity($"{assessment.Region}|{assessment.SubmittedAt.UtcDateTime:yyyy-MM}", $"{assessment.Gss}|{assessment.Reference}")
            {
                ["GssCode"] = assessment.Gss, ["Reference"] = assessment.Reference, ["CouncilName"] = assessment.Gss, ["ServiceName"] = "=HYPERLINK(\"http://x\")",
                ["Phase"] = "live", ["Type"] = "self", ["StandardId"] = assessment.Standard,
                ["OverallResult"] = assessment.Ratings.Values.All(Passes) ? "met" : "not-met", ["OverallPasses"] = assessment.Ratings.Values.All(Passes),
                ["PointRatingsJson"] = JsonSerializer.Serialize(assessment.Ratings.ToDictionary(r => r.Key.ToString(CultureInfo.InvariantCulture), r => r.Value)),
                ["SubmittedAt"] = assessment.SubmittedAt, ["PredecessorReference"] = assessment.Replaces,
            });
        }

        var needs = service.GetTableClient("SupportNeeds");
        await needs.CreateIfNotExistsAsync();
        foreach (var answer in SupportNeeds)
        {
            var row = new TableEntity(RegionOf[answer.Gss], $"version|{answer.Gss}|{answer.Version:D6}")
            {
                ["GssCode"] = answer.Gss, ["CouncilName"] = answer.Gss, ["StandardId"] = "lgdss-2016", ["Version"] = answer.Version, ["AnsweredAt"] = T.AddDays(answer.Version),
                ["AnswersJson"] = JsonSerializer.Serialize(Enumerable.Range(1, 15).Select(p => new { point = p, understanding = "well", support = answer.Support.GetValueOrDefault(p, "none") })),
                ["AnsweredByContactKey"] = "key1", ["AnsweredByName"] = PersonName, ["AnsweredByReference"] = "REF1",
            };
            await needs.UpsertEntityAsync(row);
            if (SupportNeeds.Where(n => n.Gss == answer.Gss).Max(n => n.Version) == answer.Version)
            {
                row.RowKey = $"latest|{answer.Gss}";
                row.Remove("AnsweredByContactKey");
                row.Remove("AnsweredByName");
                row.Remove("AnsweredByReference");
                await needs.UpsertEntityAsync(row);
            }
        }

        var assessments = service.GetTableClient("Assessments");
        foreach (var action in Actions)
        {
            await assessments.UpsertEntityAsync(new TableEntity(action.Gss, $"action|{action.Reference}|{action.Point:D2}")
            {
                ["AssessmentReference"] = action.Reference, ["ServiceName"] = "Bins", ["StandardId"] = action.Standard, ["PointNumber"] = action.Point,
                ["PointTitle"] = $"Point {action.Point}", ["Rating"] = "not-met", ["Status"] = action.Status, ["CreatedAt"] = action.CreatedAt,
                ["DueAt"] = action.DueAt, ["DoneAt"] = action.DoneAt, ["ClosedByReference"] = action.ClosedBy,
            });
        }
    }

    // Independent expectations: the definitions on the workbook's About sheet, written out again here.

    public static bool Passes(string rating) => rating is "met" or "green";

    public sealed record Figures(int Councils, int SignedUp, int WithVerifiedContact, int Assessed, int Rated, int Passing, int ActionsOpen, int ActionsOverdue)
    {
        public double PassShare => Rated == 0 ? 0 : (double)Passing / Rated;
    }

    /// <summary>The figures at the end of month T+<paramref name="offset"/> for the councils in <paramref name="regions"/>.</summary>
    public Figures At(int offset, IReadOnlyCollection<string> regions, string? standard = null)
    {
        var end = T.AddMonths(offset + 1);
        bool InScope(string gss) => regions.Contains(RegionOf[gss]);
        var assessments = Assessments.Where(a => InScope(a.Gss) && a.SubmittedAt < end && (standard is null || a.Standard == standard)).ToList();
        var current = CurrentAt(assessments, end);
        var actions = Actions.Where(a => InScope(a.Gss) && (standard is null || a.Standard == standard) && IsOpenAt(a, end)).ToList();
        return new Figures(
            RegionOf.Count(c => regions.Contains(c.Value)),
            Signups.Count(s => InScope(s.Gss) && s.At < end),
            Contacts.Where(c => InScope(c.Gss) && c.VerifiedAt < end).Select(c => c.Gss).Distinct().Count(),
            assessments.Select(a => a.Gss).Distinct().Count(),
            current.Sum(a => a.Ratings.Count),
            current.Sum(a => a.Ratings.Values.Count(Passes)),
            actions.Count,
            actions.Count(a => a.DueAt < end));
    }

    /// <summary>Each point's (rated, passing) at the end of month T+<paramref name="offset"/>.</summary>
    public Dictionary<(string Standard, int Point), (int Rated, int Passing)> PointsAt(int offset, IReadOnlyCollection<string> regions, string? standard = null)
    {
        var end = T.AddMonths(offset + 1);
        var current = CurrentAt(Assessments.Where(a => regions.Contains(RegionOf[a.Gss]) && a.SubmittedAt < end && (standard is null || a.Standard == standard)).ToList(), end);
        return current.SelectMany(a => a.Ratings.Select(r => (Key: (a.Standard, r.Key), Passes: Passes(r.Value))))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(x => x.Passes)));
    }

    public IReadOnlyList<string> ListedCouncilsAt(int offset)
    {
        var end = T.AddMonths(offset + 1);
        return Signups.Where(s => s.At < end && Contacts.Any(c => c.Gss == s.Gss && c.VerifiedAt < end && c.ConsentToPublish)).Select(s => s.Gss).ToList();
    }

    public sealed record CouncilFigures(
        DateTimeOffset? SignedUpAt, int AssessmentsSubmitted, int ActionsOpen, int ActionsOverdue,
        Dictionary<(string Standard, int Point), (int Passing, int NotPassing, int Open, int Overdue)> Points);

    /// <summary>One council's facts at the end of month T+<paramref name="offset"/>: what its public page shows.</summary>
    public CouncilFigures CouncilAt(string gss, int offset)
    {
        var end = T.AddMonths(offset + 1);
        var current = CurrentAt(Assessments.Where(a => a.Gss == gss && a.SubmittedAt < end).ToList(), end);
        var open = Actions.Where(a => a.Gss == gss && IsOpenAt(a, end)).ToList();
        var points = current.SelectMany(a => a.Ratings.Select(r => (Key: (a.Standard, r.Key), Passes: Passes(r.Value))))
            .Select(x => x.Key).Concat(open.Select(a => (a.Standard, a.Point))).Distinct()
            .ToDictionary(key => key, key =>
            {
                var ratings = current.Where(a => a.Standard == key.Standard && a.Ratings.ContainsKey(key.Item2)).Select(a => Passes(a.Ratings[key.Item2])).ToList();
                var actions = open.Where(a => a.Standard == key.Standard && a.Point == key.Item2).ToList();
                return (ratings.Count(p => p), ratings.Count(p => !p), actions.Count, actions.Count(a => a.DueAt < end));
            });
        return new CouncilFigures(
            Signups.SingleOrDefault(s => s.Gss == gss && s.At < end)?.At,
            Assessments.Count(a => a.Gss == gss && a.SubmittedAt < end),
            open.Count,
            open.Count(a => a.DueAt < end),
            points);
    }

    /// <summary>The map's status of a council at the end of month T+<paramref name="offset"/>, in the page's words.</summary>
    public string StatusAt(string gss, int offset)
    {
        var council = CouncilAt(gss, offset);
        return council.SignedUpAt is null ? "Not signed up"
            : council.ActionsOverdue > 0 ? "Assessed, with actions overdue"
            : council.AssessmentsSubmitted > 0 ? "Assessed"
            : "Signed up, no assessment yet";
    }

    public static IReadOnlyCollection<string> AllRegions => ["north-east", "north-west", "yorkshire-and-the-humber", "east-midlands", "west-midlands", "east-of-england", "london", "south-east", "south-west", "wales", "scotland", "northern-ireland"];

    private static List<Assessment> CurrentAt(List<Assessment> submitted, DateTimeOffset end)
    {
        var replaced = submitted.Where(a => a.Replaces is not null).Select(a => a.Replaces).ToHashSet();
        return submitted.Where(a => !replaced.Contains(a.Reference)).ToList();
    }

    private bool IsOpenAt(Action action, DateTimeOffset end) =>
        action.CreatedAt < end && action.Status switch
        {
            "open" => true,
            "done" => action.DoneAt >= end,
            "closed" => Assessments.Single(a => a.Reference == action.ClosedBy).SubmittedAt >= end,
            _ => false,
        };

    private static Dictionary<int, string> Ratings(int points, Func<int, string> rating) =>
        Enumerable.Range(1, points).ToDictionary(n => n, rating);
}
