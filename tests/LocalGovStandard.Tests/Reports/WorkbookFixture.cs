using System.Net.Http.Json;
using Azure.Data.Tables;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Reports;

/// <summary>
/// A London peer group with two months of real activity, all through the public API: sign-ups,
/// verification, assessments against both standards, a reassessment and a completed action.
/// Month A is the clock's month at start; month B the next; the clock then moves into month C so
/// that B has ended and can be reported. What was seeded is kept in <see cref="Seeded"/>.
/// </summary>
public sealed class WorkbookFixture : ServiceFixture
{
    public static readonly TestCouncil Hackney = new("HCK", "London Borough of Hackney", "Hackney", "E09000012", "London", "London borough");

    public const string WestminsterLead = "lead@westminster.gov.uk";
    public const string WestminsterSecond = "second@westminster.gov.uk";
    public const string CamdenLead = "lead@camden.gov.uk";
    public const string HackneyLead = "lead@hackney.gov.uk";
    public const string FormulaName = "=HYPERLINK(\"http://x\")";

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["LocalGovStandard:TokenSigningKey"] = "test-signing-key-0123456789abcdef0123456789",
        ["LocalGovStandard:Assessments:ActionDueMonths"] = "1",
    };

    public string MonthA { get; private set; } = "";
    public string MonthB { get; private set; } = "";
    public SeededActivity Seeded { get; } = new();
    public byte[] London { get; private set; } = [];
    public byte[] Midlands { get; private set; } = [];
    public byte[] NorthEast { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = CreateAdminClient();
        await TestRegister.ImportAsync(admin, [.. TestRegister.All, Hackney]);
        await ReportSteps.SetLeadsAsync(admin, "london", "London", ["london"], new ReportSteps.Lead("Lola Lead", "lola@london.gov.uk"));

        MonthA = ReportSteps.MonthsAgo(Clock, 0);
        await VerifiedContactAsync(TestRegister.Westminster, WestminsterLead, FormulaName);
        Seeded.Signup("WSM", 'A');
        Seeded.Contact("WSM", 'A');
        var westminster = await AccessSteps.BearerClientAsync(this, WestminsterLead);
        await SupportNeeds.SupportNeedSteps.PutOkAsync(westminster, (1, "a-little", "a-lot"));
        var first = await SubmitAsync(westminster, "lgdss-2016", "Bin collections", 15, n => n is 2 or 5 ? "not-met" : "met");
        Seeded.Assessment("WSM", first, "lgdss-2016", 15, [2, 5], 'A');
        Seeded.Action(raisedIn: 'A', dueIn: 'B', resolvedIn: 'B'); // point 2: closed by the reassessment in B
        Seeded.Action(raisedIn: 'A', dueIn: 'B');                   // point 5: still failing, overdue by the end of B

        ReportSteps.AdvanceToNextMonth(Clock.Setup);
        MonthB = ReportSteps.MonthsAgo(Clock, 0);
        await VerifiedContactAsync(TestRegister.Westminster, WestminsterSecond, "Second Lead");
        Seeded.Contact("WSM", 'B');
        await VerifiedContactAsync(TestRegister.Camden, CamdenLead, "Camden Withdrawn");
        await WithdrawConsentAsync(CamdenLead);
        Seeded.Signup("CMD", 'B');
        Seeded.Contact("CMD", 'B');
        await VerifiedContactAsync(Hackney, HackneyLead, "+1");
        Seeded.Signup("HCK", 'B');
        Seeded.Contact("HCK", 'B');

        westminster = await AccessSteps.BearerClientAsync(this, WestminsterLead);
        var serviceStandard = await SubmitAsync(westminster, "service-standard-2019", "-2", 14, n => n switch { 1 => "amber", 3 => "red", _ => "green" });
        Seeded.Assessment("WSM", serviceStandard, "service-standard-2019", 14, [1, 3], 'B');
        Seeded.Action(raisedIn: 'B', dueIn: 'C', resolvedIn: 'B'); // point 1: marked done in B
        Seeded.Action(raisedIn: 'B', dueIn: 'C');

        (await westminster.PostAsJsonAsync($"/api/actions/{serviceStandard}/1/done", new { note = "Channels joined up" })).EnsureSuccessStatusCode();
        var (created, body) = await AssessmentSteps.SendAsync(westminster, HttpMethod.Post, $"/api/assessments/{first}/reassess", null, null);
        var reassessment = body!["reference"]!.GetValue<string>();
        var (two, _) = await AssessmentSteps.SendAsync(westminster, HttpMethod.Put, $"/api/assessments/{reassessment}/points/2", new { rating = "met" }, created.Headers.ETag!.ToString());
        var (five, _) = await AssessmentSteps.SendAsync(westminster, HttpMethod.Put, $"/api/assessments/{reassessment}/points/5", new { rating = "not-met" }, two.Headers.ETag!.ToString());
        await AssessmentSteps.SubmitAsync(westminster, reassessment, five.Headers.ETag!.ToString());
        Seeded.Assessment("WSM", reassessment, "lgdss-2016", 15, [5], 'B', replaces: first);

        await SupportNeeds.SupportNeedSteps.PutOkAsync(westminster, (2, "partly", "some"));
        var camden = await AccessSteps.BearerClientAsync(this, CamdenLead);
        await SupportNeeds.SupportNeedSteps.PutOkAsync(camden, (3, "not-at-all", "a-lot"));
        var camdenAssessment = await SubmitAsync(camden, "lgdss-2016", "@SUM(A1)", 15, _ => "met");
        Seeded.Assessment("CMD", camdenAssessment, "lgdss-2016", 15, [], 'B');

        ReportSteps.AdvanceToNextMonth(Clock.Setup);
        // Answered after month B ended: not in B's workbook.
        await SupportNeeds.SupportNeedSteps.PutOkAsync(await AccessSteps.BearerClientAsync(this, WestminsterLead), (4, "partly", "a-lot"));
        await ReportSteps.RunOkAsync(admin, MonthB, "london");
        await ReportSteps.RunOkAsync(admin, MonthB, "midlands");
        await ReportSteps.RunOkAsync(admin, MonthB, "north-east");
        London = await ReportSteps.DownloadAsync(admin, MonthB, "london");
        Midlands = await ReportSteps.DownloadAsync(admin, MonthB, "midlands");
        NorthEast = await ReportSteps.DownloadAsync(admin, MonthB, "north-east");
    }

    private async Task VerifiedContactAsync(TestCouncil council, string email, string name)
    {
        var client = CreateClient();
        var (response, _) = await SignupSteps.SignUpAsync(client, SignupSteps.Body(council, email, name));
        response.EnsureSuccessStatusCode();
        (await SignupSteps.VerifyAsync(client, SendGrid, email)).Response.EnsureSuccessStatusCode();
    }

    /// <summary>A contact who later withdrew consent to be contacted (the flag is on their row).</summary>
    private async Task WithdrawConsentAsync(string email)
    {
        var table = new TableServiceClient(Storage.ConnectionString).GetTableClient("Signups");
        await foreach (var contact in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"london"} and ContactEmail eq {email}")))
        {
            contact["ConsentToContact"] = false;
            await table.UpdateEntityAsync(contact, contact.ETag);
        }
    }

    private static async Task<string> SubmitAsync(HttpClient client, string standard, string service, int points, Func<int, string> rating)
    {
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails(standard, service));
        etag = await AssessmentSteps.RateAllAsync(client, reference, etag, rating, points);
        await AssessmentSteps.SubmitAsync(client, reference, etag);
        return reference;
    }
}

/// <summary>What the fixture seeded, by month letter (A, then B, then C), for working out the expected figures independently.</summary>
public sealed class SeededActivity
{
    public sealed record SeededAssessment(string Council, string Reference, string Standard, int Points, int[] Failing, char Month, string? Replaces);

    /// <param name="ResolvedIn">The month the action was marked done or closed by a passing reassessment.</param>
    public sealed record SeededAction(char RaisedIn, char DueIn, char? ResolvedIn);

    public List<(string Council, char Month)> Signups { get; } = [];
    public List<(string Council, char Month)> Contacts { get; } = [];
    public List<SeededAssessment> Assessments { get; } = [];
    public List<SeededAction> Actions { get; } = [];

    public void Signup(string council, char month) => Signups.Add((council, month));

    public void Contact(string council, char month) => Contacts.Add((council, month));

    public void Assessment(string council, string reference, string standard, int points, int[] failing, char month, string? replaces = null) =>
        Assessments.Add(new(council, reference, standard, points, failing, month, replaces));

    public void Action(char raisedIn, char dueIn, char? resolvedIn = null) => Actions.Add(new(raisedIn, dueIn, resolvedIn));

    public int SignedUpBy(char month) => Signups.Count(s => s.Month <= month);

    public int CouncilsWithVerifiedContactBy(char month) => Contacts.Where(c => c.Month <= month).Select(c => c.Council).Distinct().Count();

    public int CouncilsAssessedBy(char month) => Assessments.Where(a => a.Month <= month).Select(a => a.Council).Distinct().Count();

    public int SubmittedIn(char month) => Assessments.Count(a => a.Month == month);

    public int SubmittedBy(char month) => Assessments.Count(a => a.Month <= month);

    public IReadOnlyList<SeededAssessment> CurrentBy(char month)
    {
        var submitted = Assessments.Where(a => a.Month <= month).ToList();
        return submitted.Where(a => !submitted.Any(b => b.Replaces == a.Reference)).ToList();
    }

    public double PassShareBy(char month)
    {
        var current = CurrentBy(month);
        var rated = current.Sum(a => a.Points);
        return rated == 0 ? 0 : (double)current.Sum(a => a.Points - a.Failing.Length) / rated;
    }

    public int OpenActionsAt(char month) => Actions.Count(a => a.RaisedIn <= month && (a.ResolvedIn is null || a.ResolvedIn > month));

    public int OverdueActionsAt(char month) => Actions.Count(a => a.RaisedIn <= month && (a.ResolvedIn is null || a.ResolvedIn > month) && a.DueIn <= month);
}
