using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;
using LocalGovStandard.Tests.Summits;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// One app for every bad-input case: a verified contact signed in both ways (cookie and bearer) with
/// an unused sign-in link, a pending contact's verification link, a draft assessment, a submitted one
/// with an open action, and a summit invitation with its RSVP and unsubscribe links, so each case
/// reaches the validation it is aimed at.
/// </summary>
public sealed class BadInputFixture : RegisteredServiceFixture
{
    public const string Contact = "lead@westminster.gov.uk";
    public const string PendingContact = "pending@camden.gov.uk";
    public const string WaitingContact = "waiting@partner-services.gov.uk";
    public const int FailedPoint = 3;
    private static readonly string[] Midlands = ["midlands"];

    public HttpClient Bearer { get; private set; } = default!;
    public PageSession Pages { get; private set; } = default!;

    /// <summary>A session of its own for the sign-out form, so a case that wrongly signs out cannot end the others' session.</summary>
    public PageSession SignOutPages { get; private set; } = default!;
    /// <summary>The organiser console, signed in; its sign-out form gets a session of its own, and the sign-in form a signed-out one.</summary>
    public PageSession Organiser { get; private set; } = default!;
    public PageSession OrganiserSignOut { get; private set; } = default!;
    public PageSession OrganiserSignedOut { get; private set; } = default!;

    /// <summary>The console's page for the contact (a path), and the summit the console can send for.</summary>
    public string ContactPage { get; private set; } = "";
    public string SummitId { get; private set; } = "";
    public string Draft { get; private set; } = "";
    public string DraftETag { get; private set; } = "";
    public string Submitted { get; private set; } = "";
    public string RsvpPath { get; private set; } = "";

    /// <summary><see cref="Contact"/>'s own offer to assess; they lead London, so they can approve it as well as the console can.</summary>
    public string AssessorId { get; private set; } = "";

    /// <summary><see cref="Contact"/>'s council's peer-assessment request, its panel confirmed (see <see cref="PanelCases"/>).</summary>
    public string PanelRequest { get; private set; } = "";

    /// <summary><see cref="Contact"/>'s council's request whose report is published and not yet confirmed read (see <see cref="ReportAfterCases"/>).</summary>
    public string PublishedRequest { get; private set; } = "";

    /// <summary>A Camden request whose panel the fixture's contact sits on (accepted): its page has the "Start recording" button.</summary>
    public string SeatedRequest { get; private set; } = "";

    /// <summary>Emailed links nobody has used (their pages carry the forms the cases post).</summary>
    public string VerificationPath { get; private set; } = "";
    public string SignInLinkPath { get; private set; } = "";

    /// <summary>The approval link emailed to <see cref="Contact"/> about <see cref="WaitingContact"/>.</summary>
    public string ApprovalPath { get; private set; } = "";
    public string UnsubscribeToken { get; private set; } = "";

    /// <summary>Storage as the previous case left it (cases run one at a time), so each case takes one snapshot, not two.</summary>
    public IReadOnlySet<string>? LastSnapshot { get; set; }

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["LocalGovStandard:TokenSigningKey"] = "bad-input-signing-key-0123456789abcdef01234",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Westminster, Contact);
        await Service<LocalGovStandard.PeerGroups.PeerGroupEditor>().SaveAsync(
            "london", new("London", ["london"], [new("Westminster lead", Contact)]), "test", CancellationToken.None);
        Bearer = await AccessSteps.BearerClientAsync(this, Contact);
        Pages = await PageSession.SignInAsync(this, Contact);
        SignOutPages = await PageSession.SignInAsync(this, Contact);

        (Draft, DraftETag) = await AssessmentSteps.CreateAsync(Bearer, AssessmentSteps.SelfDetails("lgdss-2016", "Draft under attack"));
        var (submitted, etag) = await AssessmentSteps.CreateAsync(Bearer, AssessmentSteps.SelfDetails("lgdss-2016", "Submitted with an action"));
        etag = await AssessmentSteps.RateAllAsync(Bearer, submitted, etag, n => n == FailedPoint ? "not-met" : "met", 15);
        await AssessmentSteps.SubmitAsync(Bearer, submitted, etag);
        Submitted = submitted;

        AssessorId = await AssessorCases.SetUpAsync(this);
        PanelRequest = await PanelCases.SetUpAsync(this);
        PublishedRequest = await ReportAfterCases.SetUpAsync(this);
        SeatedRequest = await PanelStartCases.SetUpAsync(this);
        await InviteToASummitAsync();
        await OpenTheConsoleAsync();
        await PackCases.PrepareAsync(this);
        await OpenRegistrationCases.PrepareAsync(this);
        await AttendanceCases.PrepareAsync(this);
        await GroupExtrasCases.PrepareAsync(this);

        await SignupSteps.SignUpAsync(CreateClient(), SignupSteps.Body(TestRegister.Camden, PendingContact));
        VerificationPath = SignupSteps.LatestVerificationLink(SendGrid, PendingContact).PathAndQuery;
        SignInLinkPath = (await AccessSteps.RequestLinkAsync(this, Contact)).PathAndQuery;
        await SignupSteps.SignUpAsync(CreateClient(), SignupSteps.Body(TestRegister.Westminster, WaitingContact));
        await SignupSteps.VerifyAsync(CreateClient(), SendGrid, WaitingContact);
        ApprovalPath = Trust.TrustSteps.LatestApprovalLink(SendGrid, Contact).PathAndQuery;

        // So the poisoned-email page has its send-again forms to attack.
        await EmailQueueSteps.PoisonAsync(this, "poisoned@camden.gov.uk");
    }

    private async Task OpenTheConsoleAsync()
    {
        Organiser = await ConsoleSteps.SignInAsync(this);
        OrganiserSignOut = await ConsoleSteps.SignInAsync(this);
        OrganiserSignedOut = PageSession.Anonymous(this);
        var list = await Organiser.GetAsync("/organiser/signups");
        ContactPage = list.Document.QuerySelectorAll("main table a")
            .Single(a => a.ParentElement!.ParentElement!.TextContent.Contains(Contact, StringComparison.Ordinal))
            .GetAttribute("href")!;
    }

    /// <summary>The draft's current ETag, so a case that was wrongly accepted fails alone rather than making every later case stale.</summary>
    public async Task RefreshAsync()
    {
        using var response = await Bearer.GetAsync(new Uri($"/api/assessments/{Draft}", UriKind.Relative));
        DraftETag = response.Headers.ETag?.ToString() ?? DraftETag;
    }

    private async Task InviteToASummitAsync()
    {
        await SummitSteps.SeedContactsAsync(this, TestRegister.Birmingham, "invitee", 1, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        // Verified after the first send's date, so the console's check-before-sending page has someone still to invite.
        await SummitSteps.SeedContactsAsync(this, TestRegister.Birmingham, "not-yet-invited", 1, new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero));
        var admin = CreateAdminClient();
        var summit = await SummitSteps.CreateSummitAsync(admin, Clock, capacity: 10);
        SummitId = summit["id"]!.GetValue<string>();
        await SummitSteps.SendAsync(admin, summit["id"]!.GetValue<string>(), new { verifiedOnOrBefore = "2026-01-31", peerGroups = Midlands });
        var invitee = Assert.Single(SummitSteps.Recipients(SendGrid.Accepted), r => r.Substitutions.ContainsKey("-rsvp_link-"));
        RsvpPath = SummitSteps.PathAndQuery(invitee.RsvpLink);
        UnsubscribeToken = LinkTokens.In(invitee.UnsubscribeLink).Single();
    }

    public static JsonObject SignupBody() => new()
    {
        ["councilCode"] = TestRegister.Westminster.GssCode,
        ["contactName"] = "Ada Lovelace",
        ["contactEmail"] = "ada@westminster.gov.uk",
        ["jobTitle"] = "Head of Digital",
        ["adoptionRoute"] = "digital-strategy",
        ["consentToContact"] = true,
        ["consentToPublish"] = false,
    };
}
