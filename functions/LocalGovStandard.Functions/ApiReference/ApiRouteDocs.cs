using LocalGovStandard.Access;
using LocalGovStandard.Assessments;
using LocalGovStandard.Feed;
using LocalGovStandard.Packs;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerGroupSetup;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;
using LocalGovStandard.Events;
using LocalGovStandard.SupportNeeds;

namespace LocalGovStandard.ApiReference;

/// <param name="Tag">The group the route is listed under in the reference.</param>
/// <param name="Problems">Error statuses the handler itself answers that its typed results do not already declare.</param>
public sealed record RouteDoc(string Tag, string Summary, string Description)
{
    public IReadOnlyList<int> Problems { get; init; } = [];

    /// <summary>A body the handler reads by hand (so the framework cannot see it).</summary>
    public Type? Request { get; init; }

    public string RequestContentType { get; init; } = "application/json";

    public bool RequestOptional { get; init; }

    public object? RequestExample { get; init; }

    /// <summary>The success body's type, where the handler's return type cannot say it (the feed's OData results).</summary>
    public Type? Response { get; init; }

    public object? ResponseExample { get; init; }

    /// <summary>Query options the handler reads itself (the feed's OData options), by name and meaning.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>Content types of a success answer that is a file or a page rather than JSON.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}

/// <summary>
/// The words and examples of the API reference, one entry per API route, by its function name. Kept here rather than on
/// each endpoint so the features' route tables stay one line a route; a test fails when a route has no entry.
/// </summary>
public static class ApiRouteDocs
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Public = "Sign-ups and look-ups";
    private const string Contact = "A council's assessments";
    private const string Organiser = "Organiser";
    private const string Summits = "Organiser: summits";
    private const string Meetups = "Organiser: peer-group meet-ups";
    private const string Councils = "Organiser: councils and contacts";
    private const string Reports = "Organiser: reports and dashboard";
    private const string Feed = "OData feed";
    private const string Packs = "Content packs";

    private static readonly object PeerRequestExample = new
    {
        reference = "PAR-7K2P-9QXD", status = "requested", councilName = "City of Westminster", serviceName = "Apply for a parking permit",
        serviceUrl = "https://www.example.gov.uk/parking-permits", phase = "beta", standardId = "service-standard-2019",
        preferredDates = new[] { "2027-03-12", "2027-03-19" }, contactName = "Sam Lead", conflicts = new[] { new { code = "E09000007", name = "London Borough of Camden" } },
        createdAt = "2027-02-01T10:00:00+00:00", reassessmentOf = (string?)null, outcome = (string?)null, failedPoints = Array.Empty<int>(), reassessHref = (string?)null,
    };

    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        [Public] = "Routes anyone may call: sign up, check a sign-up, the standards and the peer groups, and the service's health.",
        [Contact] = "A verified contact's routes, for their own council only: sign in with an emailed link's token, then record, submit and reassess assessments, their evidence and actions.",
        [Organiser] = "Organiser routes under /api/admin (the organiser key): peer groups, the register, timers and poisoned email.",
        [Councils] = "Organiser routes about councils and the people who act for them: domains, approvals, sign-ups, and UK GDPR export and erasure.",
        [Summits] = "Organiser routes for Standard Summits: create, choose invitees, send invitations and reminders, and the answers.",
        [Meetups] = "Organiser routes for a peer group's meet-ups: schedule one or a series, move or cancel one (telling those with a place, once each), and invite the group.",
        [Reports] = "Organiser routes for the monthly peer-group workbooks and the organiser's dashboard.",
        [Packs] = "Peer groups' content packs: anyone may read the published ones; the organiser key creates, changes, publishes and adopts packs for any group (leads do the same on their pages).",
        [Feed] = "The read-only OData v4 feed for Power BI (the read key). JSON with odata.metadata=minimal or none; $filter, $select, $orderby, $top, $skip and $count; pages linked by @odata.nextLink.",
    };

    private static readonly PackView PackExample = new(
        "3f9a6c2e81d04b7a",
        "User research on a shoestring",
        new PackGroupView("london", "London"),
        "published",
        [new PackPointView(1, "Understand user needs")],
        "# Welcome\n- Why research?\n- [Pop-up research](https://www.gov.uk/service-manual/user-research)",
        "Plan a pop-up session at your library.",
        new DateTimeOffset(2027, 5, 12, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2027, 5, 12, 9, 0, 0, TimeSpan.Zero),
        [],
        [new PackAdoptionView("9c41d07a2e5b8f36", new PackGroupView("midlands", "Midlands"), true)],
        [],
        [new PackFileView("a1b2c3d4e5f60718", "slides.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", 482133, "/peer-groups/packs/3f9a6c2e81d04b7a/files/a1b2c3d4e5f60718")]);

    private static readonly object PackRequestExample = new
    {
        title = "User research on a shoestring",
        points = new[] { 1, 14 },
        agenda = "# Welcome\n- Why research?\n- [Pop-up research](https://www.gov.uk/service-manual/user-research)",
        exercises = "Plan a pop-up session at your library.",
    };

    private static readonly object AssessmentExample = new
    {
        reference = "LGS-7K3M-Q9TD",
        status = "draft",
        serviceName = "Report a missed bin collection",
        serviceUrl = "https://www.westminster.gov.uk/bins/report",
        phase = "beta",
        type = "self",
        standardId = "lgdss-2016",
    };

    private static readonly object DetailsExample = new
    {
        serviceName = "Report a missed bin collection",
        serviceUrl = "https://www.westminster.gov.uk/bins/report",
        phase = "beta",
        type = "self",
        standardId = "lgdss-2016",
        assessmentDate = "2026-11-20",
        panel = Array.Empty<object>(),
    };

    private static readonly object InviteeCriteriaExample = new { verifiedOnOrBefore = "2026-01-31", minSubmittedAssessments = 1, peerGroups = new[] { "london" } };

    private static readonly object SendExample = new
    {
        run = new { sent = 41, alreadySent = 0, inProgress = 0, failed = 1, unsubscribed = 2 },
        counts = new { invited = 44, queued = 0, sent = 41, failed = 1, accepted = 0, declined = 0, waitlisted = 0, noAnswer = 41, unsubscribed = 2 },
    };

    private static readonly object ApprovalExample = new { councilCode = "E09000033", reference = "LGS-7K3M-Q9TD", status = "verified", changed = true, domainAdded = (string?)null, alsoApproved = 0 };

    private static readonly object AssessorExample = new
    {
        assessorId = "E09000033.LGS-7K3M-Q9TD", name = "Priya Shah", councilCode = "E09000033", councilName = "Westminster City Council", region = "london",
        status = "approved", roles = new[] { "lead-assessor", "user-research" }, standards = new[] { "service-standard-2019" },
        unavailable = new[] { "2027-03-12" }, perQuarter = 2, offeredAt = "2026-11-20T10:15:00+00:00", updatedAt = "2026-11-21T09:00:00+00:00",
        approvedAt = "2026-11-21T09:00:00+00:00", trainedOn = "2026-10-14", withdrawnAt = (string?)null,
    };

    private static readonly Dictionary<string, RouteDoc> Routes = new(StringComparer.Ordinal)
    {
        ["SubmitSignup"] = new(Public, "Sign a council up",
            "Signs a council up to the Standard with its digital lead's details. The answer is the same for a new address and a known one, "
            + "so nobody learns who has signed up: the reference, a link to confirm the address, or where a known address stands, go only by email. "
            + "email is \"not-sent\" when the email could not go just now: send the same sign-up again later.")
        {
            RequestExample = new
            {
                councilCode = "E09000033", contactName = "Sam Patel", contactEmail = "sam.patel@westminster.gov.uk", jobTitle = "Head of Digital",
                adoptionRoute = "digital-strategy", consentToContact = true, consentToPublish = true,
            },
            ResponseExample = new { status = "check-your-email", email = "sent", detail = "We have emailed the address: a link to confirm it, or, if it had signed up before, where it stands. The email gives the sign-up's reference." },
        },
        ["GetSignupStatus"] = new(Public, "Check a sign-up",
            "Whether a sign-up is confirmed, for whoever has its emailed reference. It never says who signed up.")
        {
            ResponseExample = new { reference = "LGS-7K3M-Q9TD", councilCode = "E09000033", councilName = "Westminster City Council", status = "verified" },
        },
        ["ListPeerGroups"] = new(Public, "List the peer groups",
            "The peer groups: each is made from regions (kind regions) or from a list of councils (kind councils). Their leads are personal data and never appear here.")
        {
            ResponseExample = new object[]
            {
                new { slug = "london", name = "London", kind = "regions", regions = new[] { new { slug = "london", name = "London" } }, councils = Array.Empty<object>() },
                new { slug = "kent-districts", name = "Kent districts", kind = "councils", regions = Array.Empty<object>(), councils = new[] { new { gssCode = "E07000105", name = "Ashford Borough Council" } } },
            },
        },
        ["ListStandards"] = new(Public, "List the standards",
            "The standards councils assess against (LGDSS 2016 and the Service Standard 2019), their points and rating scales, and the mapping between them.")
        {
            ResponseExample = new
            {
                standards = new[] { new { id = "lgdss-2016", name = "Local Government Digital Service Standard", version = "2016", points = new[] { new { number = 1, title = "Understand user needs" } } } },
                mappings = new[] { new { from = "lgdss-2016", to = "service-standard-2019" } },
            },
        },
        ["Health"] = new(Public, "Check the service's health",
            "200 while storage answers; 503 with Retry-After while it does not. For monitoring.")
        {
            ResponseExample = new { status = "healthy", storage = "reachable" },
        },

        ["AccessToken"] = new(Contact, "Exchange a sign-in link for a bearer token",
            "Takes the token from an emailed sign-in link (ask for one at /assessments/start) and answers a bearer token that lasts 30 minutes. "
            + "The link works once. There is no refresh token: when it expires, ask for a new link.")
        {
            Request = typeof(TokenRequest),
            RequestExample = new { token = "the token= value from the emailed link" },
            ResponseExample = new { tokenType = "Bearer", accessToken = "CfDJ8N…", expiresIn = 1800 },
        },
        ["ListPeerGroupsILead"] = new(Contact, "List the peer groups you lead",
            "The peer groups whose leads include your address. A lead signs in as any contact does; an empty list means you lead none.")
        {
            ResponseExample = new[] { new { slug = "london", name = "London" } },
        },
        ["GetSupportNeeds"] = new(Contact, "Read your council's support needs",
            "The answers that count (the latest version): for each point of LGDSS 2016, how well your council understands it and how much support it needs. 404 until your council has answered.")
        {
            Problems = [404],
            ResponseExample = new { standardId = "lgdss-2016", version = 2, answeredAt = "2026-11-20T10:15:00Z", points = new[] { new { point = 1, title = "Understand user needs", understanding = "partly", support = "a-lot" } } },
        },
        ["PutSupportNeeds"] = new(Contact, "Answer your council's support needs",
            "Answers, for every point of LGDSS 2016, how well your council understands it (understanding: well, partly, a-little, not-at-all) "
            + "and how much support it needs (support: none, some, a-lot). Every point must be answered, once. Each answer set is kept as a new version; the latest counts.")
        {
            Request = typeof(SupportNeedsRequest),
            RequestExample = new { points = new[] { new { point = 1, understanding = "partly", support = "a-lot" }, new { point = 2, understanding = "well", support = "none" } } },
            ResponseExample = new { standardId = "lgdss-2016", version = 3, answeredAt = "2026-11-20T10:15:00Z", points = new[] { new { point = 1, title = "Understand user needs", understanding = "partly", support = "a-lot" } } },
        },
        ["ListAssessments"] = new(Contact, "List your council's assessments",
            "Your council's drafts, its submitted assessments, and their open and closed actions (with how many are overdue).")
        {
            ResponseExample = new { drafts = Array.Empty<object>(), submitted = Array.Empty<object>(), openActions = Array.Empty<object>(), overdueActions = 0, closedActions = Array.Empty<object>() },
        },
        ["CreateAssessment"] = new(Contact, "Start an assessment",
            "Starts a draft self or peer assessment of one of your council's services against a standard. The answer's ETag header is what the next change sends as If-Match.")
        {
            Request = typeof(AssessmentDetailsRequest),
            RequestExample = DetailsExample,
            ResponseExample = AssessmentExample,
        },
        ["ListPeerAssessmentRequests"] = new(Contact, "List your council's peer-assessment requests",
            "Your council's requests for a peer assessment, newest first, each with its status (requested; panel-confirmed once a lead confirms the panel; "
            + "report-published once the panel's report is out, with its outcome and failedPoints) and reassessmentOf when it reassesses an earlier request. "
            + "Whenever any point failed, reassessHref is the new-request page filled in from the request, naming it as reassessmentOf.")
        {
            ResponseExample = new[] { PeerRequestExample },
        },
        ["RequestPeerAssessment"] = new(Contact, "Ask your peer group for a peer assessment",
            "Asks for a peer assessment of one of your council's services: its name, URL and phase, the standard, two to five preferred dates at least 3 weeks ahead, " +
            "the reference of one of your council's approved contacts, and any councils (codes from the register) the panel must not come from. " +
            "The council is yours, from your session. The request is emailed to your peer group's leads. " +
            "To ask for a reassessment, `reassessmentOf` names one of your council's earlier requests whose report is published.")
        {
            Request = typeof(PeerAssessments.Requests.PeerAssessmentRequestBody),
            RequestExample = new
            {
                serviceName = "Apply for a parking permit", serviceUrl = "https://www.example.gov.uk/parking-permits", phase = "beta", standardId = "service-standard-2019",
                preferredDates = new[] { "2027-03-12", "2027-03-19" }, contactReference = "LGS-7K2P-9QXD", conflicts = new[] { "E09000007" },
            },
            ResponseExample = PeerRequestExample,
        },
        ["GetPeerAssessmentRequest"] = new(Contact, "Read a peer-assessment request",
            "One of your council's requests and its status, its reassessmentOf, and once published its outcome, failedPoints and (when any point failed) "
            + "reassessHref. Another council's reference is not found.")
        {
            ResponseExample = PeerRequestExample,
        },
        ["PutPeerAssessmentFeedback"] = new(Contact, "Give feedback on a peer assessment",
            "Once the panel's report is published, your council says what helped in the assessment (helped) and what did not (didNotHelp): either or both, "
            + "each up to 1,200 characters. It is one piece of feedback per request, which any of your council's approved contacts may replace until 30 days "
            + "after the report was published (then 409). So as not to overwrite a colleague's feedback unseen, send replacing: the givenAt of the feedback "
            + "you are replacing (from the last answer), or none when there was none; if a colleague has changed it since, nothing is saved and the answer "
            + "is 409 with its current givenAt. Left out, your feedback replaces whatever is there. "
            + "Only your peer group's leads read it: not the panel, other councils or the organisers' figures. "
            + "A request that is not your council's, or has no published report, is not found. 400 names each bad field.")
        {
            Problems = [400, 404, 409, 413, 415],
            Request = typeof(PeerAssessments.Requests.FeedbackBody),
            RequestExample = new { helped = "The panel's questions on user research were practical.", didNotHelp = "The day ran over by an hour." },
            ResponseExample = new
            {
                helped = "The panel's questions on user research were practical.", didNotHelp = "The day ran over by an hour.",
                givenAt = "2027-04-02T10:00:00+00:00", openUntil = "2027-04-30T09:00:00+00:00", givenBy = (string?)null,
            },
        },
        ["GetAssessment"] = new(Contact, "Read an assessment",
            "One of your council's assessments with its points and evidence. Another council's reference is not found. The ETag header is what a change sends as If-Match.")
        {
            Problems = [404],
            ResponseExample = AssessmentExample,
        },
        ["UpdateAssessmentDetails"] = new(Contact, "Change a draft's details",
            "Replaces a draft's service, phase, type, standard, date and panel. Send If-Match with the ETag you last read: if the draft changed since (another tab), the answer is 409 and nothing changes.")
        {
            Problems = [428],
            Request = typeof(AssessmentDetailsRequest),
            RequestExample = DetailsExample,
            ResponseExample = AssessmentExample,
        },
        ["RateAssessmentPoint"] = new(Contact, "Rate one point",
            "Records a draft's rating and notes for one point of its standard (met or not-met for LGDSS 2016; red, amber or green for the Service Standard). Needs If-Match.")
        {
            Problems = [428],
            Request = typeof(PointRequest),
            RequestExample = new { rating = "met", notes = "Research with 12 residents in October; findings in the evidence." },
            ResponseExample = AssessmentExample,
        },
        ["SubmitAssessment"] = new(Contact, "Submit an assessment",
            "Submits a complete draft: it becomes read-only, an action opens for each point that did not pass, and the submitter is emailed a copy. "
            + "A Service Standard assessment may send the panel's overall rating. Needs If-Match.")
        {
            Problems = [428],
            Request = typeof(SubmitRequest),
            RequestOptional = true,
            RequestExample = new { overallRating = "amber" },
            ResponseExample = AssessmentExample,
        },
        ["ReassessAssessment"] = new(Contact, "Start a reassessment",
            "Starts a new draft from a submitted assessment: the points that passed are carried over, and only those that failed are asked again.")
        {
            ResponseExample = AssessmentExample,
        },
        ["CompleteAction"] = new(Contact, "Mark an action done",
            "Marks the open action on one point of a submitted assessment as done, with a note of what was done.")
        {
            Problems = [404, 409],
            Request = typeof(ActionDoneRequest),
            RequestExample = new { note = "User research plan agreed and the first round booked for January." },
            ResponseExample = new { assessmentReference = "LGS-7K3M-Q9TD", pointNumber = 1, status = "done", overdue = false },
        },
        ["GetAssessorProfile"] = new(Contact, "Read your offer to assess",
            "Your offer to assess other councils' services, and where it stands: offered (waiting for approval), approved (with the date of your assessor training) or withdrawn. 404 when you have not offered.")
        {
            ResponseExample = AssessorExample,
        },
        ["PutAssessorProfile"] = new(Contact, "Offer to assess, or change your offer",
            "The roles you can take on a panel (role ids from the standards' assessorRoles), the standards you know, the dates you cannot do (yyyy-MM-dd; past dates are dropped) and how many assessments a quarter you can give (1 to 12; 2 when left out). A first offer, or one after withdrawing, waits for a peer-group lead or an organiser to approve it; changing an approved offer keeps the approval.")
        {
            Request = typeof(AssessorProfileRequest),
            RequestExample = new { roles = new[] { "lead-assessor", "user-research" }, standards = new[] { "service-standard-2019" }, unavailable = new[] { "2027-03-12" }, perQuarter = 2 },
            ResponseExample = AssessorExample,
        },
        ["WithdrawAssessorProfile"] = new(Contact, "Withdraw from the assessor pool",
            "You are proposed for no more panels. PUT your offer again to come back; it then needs approving again. 404 when you have not offered.")
        {
            ResponseExample = AssessorExample,
        },
        ["UploadEvidence"] = new(Contact, "Attach evidence to a point",
            "Uploads one file (PDF, PNG, JPEG, Office or ODF document, or UTF-8 text; at most 10 MB, five a point) to a point of a draft, as multipart/form-data "
            + "with the fields point and file. The content is checked, not only the name. Needs If-Match.")
        {
            Problems = [413, 428],
            Request = typeof(EvidenceUploadForm),
            RequestContentType = "multipart/form-data",
            ResponseExample = AssessmentExample,
        },
        ["DownloadEvidence"] = new(Contact, "Download an evidence file",
            "The file as uploaded, with its name. It is served so that a browser runs nothing in it and keeps no copy.")
        {
            Problems = [404],
            Files = ["application/octet-stream"],
        },
        ["RemoveEvidence"] = new(Contact, "Remove an evidence file",
            "Removes a file from a draft. Needs If-Match.")
        {
            Problems = [428],
            ResponseExample = AssessmentExample,
        },

        ["ListPeerGroupsWithLeads"] = new(Organiser, "List the peer groups with their leads",
            "Every peer group with its regions and leads (names and email addresses: personal data).")
        {
            ResponseExample = new[] { new { slug = "london", name = "London", regions = new[] { new { slug = "london", name = "London" } }, leads = new[] { new { name = "Alex Morgan", email = "alex.morgan@camden.gov.uk" } } } },
        },
        ["CreatePeerGroup"] = new(Organiser, "Start a new peer group",
            "Creates a peer group from regions no group covers, or from a list of councils in the register (each council in one such list; it stays in its region's group too). "
            + "A slug already taken is refused. The approved contacts of its councils who agreed to be contacted are emailed that the group exists, once each.")
        {
            Request = typeof(NewPeerGroupRequest),
            RequestExample = new { slug = "kent-districts", name = "Kent districts", councils = new[] { "E07000105", "E07000106" }, leads = new[] { new { name = "Alex Morgan", email = "alex.morgan@ashford.gov.uk" } } },
            ResponseExample = new { slug = "kent-districts", name = "Kent districts", kind = "councils", regions = Array.Empty<object>(), leads = new[] { new { name = "Alex Morgan", email = "alex.morgan@ashford.gov.uk" } }, councils = new[] { new { gssCode = "E07000105", name = "Ashford Borough Council", region = "south-east" } } },
        },
        ["SavePeerGroup"] = new(Organiser, "Create or change a peer group",
            "Sets a peer group's name, leads (who get its monthly workbook) and either its regions (each region in one group only) or its list of councils. "
            + "Contacts of councils the group did not hold before are told about it, once each.")
        {
            Request = typeof(PeerGroupRequest),
            RequestExample = new { name = "London", regions = new[] { "london" }, leads = new[] { new { name = "Alex Morgan", email = "alex.morgan@camden.gov.uk" } } },
            ResponseExample = new { slug = "london", name = "London", regions = new[] { new { slug = "london", name = "London" } }, leads = new[] { new { name = "Alex Morgan", email = "alex.morgan@camden.gov.uk" } } },
        },
        ["ListPublishedPacks"] = new(Packs, "List the published content packs",
            "Every published pack, newest first, with its points, lineage (the packs it was revised from, nearest first), the groups that adopted it and its files. point=3 keeps the packs on point 3.")
        {
            ResponseExample = new[] { PackExample },
        },
        ["GetPublishedPack"] = new(Packs, "Read a published content pack",
            "One published pack. A draft is not found.")
        {
            ResponseExample = PackExample,
        },
        ["ListPacks"] = new(Packs, "List every content pack",
            "Every pack, drafts too, newest first. point=3 keeps the packs on point 3.")
        {
            ResponseExample = new[] { PackExample },
        },
        ["CreatePack"] = new(Packs, "Create a content pack for a peer group",
            "A draft pack of the group: a title, the points of the Local Government Digital Service Standard it covers (1 to 15), an agenda and exercises in Markdown (raw HTML is shown as text).")
        {
            Problems = [404],
            Request = typeof(PackRequest),
            RequestExample = PackRequestExample,
            ResponseExample = PackExample,
        },
        ["EditPack"] = new(Packs, "Change a content pack",
            "Replaces the pack's title, points, agenda and exercises. With If-Match (the ETag of your last read) a change made since is never overwritten.")
        {
            Problems = [404, 409],
            Request = typeof(PackRequest),
            RequestExample = PackRequestExample,
            ResponseExample = PackExample,
        },
        ["PublishPack"] = new(Packs, "Publish a content pack",
            "Puts the pack and its files in the public library, where any peer group can adopt it. Publishing again changes nothing.")
        {
            Problems = [404],
            ResponseExample = PackExample,
        },
        ["AdoptPack"] = new(Packs, "Adopt a content pack into a peer group",
            "Makes the group's own draft copy of a published pack, files too, recording where it came from (\"revised from London's pack of May 2027\").")
        {
            Problems = [404],
            Request = typeof(AdoptPackRequest),
            RequestExample = new { peerGroup = "midlands" },
            ResponseExample = PackExample with { Id = "9c41d07a2e5b8f36", PeerGroup = new PackGroupView("midlands", "Midlands"), Status = "draft", Lineage = [new PackOriginView("3f9a6c2e81d04b7a", "London", "User research on a shoestring", new DateTimeOffset(2027, 5, 12, 0, 0, 0, TimeSpan.Zero), "revised from London's pack of May 2027")] },
        },
        ["UploadPackFile"] = new(Packs, "Add slides or a handout to a content pack",
            "Uploads one file as multipart/form-data with the field file: PDF, PNG, JPEG, Office or ODF document, or UTF-8 text, at most 10 MB and 10 a pack. The content is checked exactly as evidence is, not only the name.")
        {
            Problems = [404, 413, 415],
            Request = typeof(PackFileUploadForm),
            RequestContentType = "multipart/form-data",
            ResponseExample = PackExample,
        },
        ["ImportRegister"] = new(Organiser, "Import the council register",
            "Upserts mySociety's uk_local_authorities.csv (send it as text/csv). Importing the same file again changes nothing; a bad line is reported by number and the others are still imported.")
        {
            Problems = [413, 415],
            Request = typeof(string),
            RequestContentType = "text/csv",
            ResponseExample = new { imported = 470, updated = 0, skipped = 0, errors = Array.Empty<object>() },
        },
        ["RunTimerFunction"] = new(Organiser, "Run a timer function now",
            "Runs a timer function (PurgeExpiredVerifications, BackupTables, RefreshDashboardSnapshots, MonthlyProgressWorkbooks, CountPoisonedEmail, PeerAssessmentPanelReminders) at once, audited like every timer run.")
        {
            Problems = [404],
            ResponseExample = new { Outputs = new { }, Logs = new[] { "Refreshed 12 regions for 2026-11." }, ReturnValue = (object?)null },
        },

        ["ListPoisonedEmails"] = new(Organiser, "List poisoned email",
            "The emails in the outbox's poison queue (email-outbox-poison): each failed every try. Shows when it was queued and poisoned, its kind, "
            + "the recipient's domain only, how often it was handed to the email provider and what the provider last answered. At most 32 are listed; approximateCount says how many there are.")
        {
            ResponseExample = new
            {
                approximateCount = 1,
                messages = new[]
                {
                    new
                    {
                        queueMessageId = "3f2c9a4e-8d1b-4c55-9f0e-2b7d6a1c0e11", kind = "verification", recipientDomain = "camden.gov.uk",
                        firstQueuedAt = "2026-11-03T09:14:00+00:00", poisonedAt = "2026-11-03T09:20:00+00:00", tries = 10, lastError = "SendGrid answered 503",
                    },
                },
            },
        },

        ["RequeuePoisonedEmail"] = new(Organiser, "Send a poisoned email again",
            "Moves one email from the poison queue back to the outbox queue for another round of tries, and writes it to the audit log. "
            + "The mail ledger still sends each email once: one that did go out is not sent again.")
        {
            Problems = [404],
            ResponseExample = new { queueMessageId = "3f2c9a4e-8d1b-4c55-9f0e-2b7d6a1c0e11", requeued = 1 },
        },

        ["ListSignups"] = new(Councils, "List sign-ups and contacts",
            "Every council in the register (or in one peer group's regions) with whether it signed up, when, and its contacts with their status and consents.")
        {
            ResponseExample = new { peerGroup = "london", councils = new[] { new { councilCode = "E09000033", councilName = "Westminster City Council", signedUp = true, verifiedContacts = 1 } } },
        },
        ["GetCouncilDomains"] = new(Councils, "Read a council's email domains",
            "The email domains a council's contacts use: an address on one is proven by its emailed link alone.")
        {
            Problems = [404],
            ResponseExample = new { councilCode = "E09000033", councilName = "Westminster City Council", domains = new[] { "westminster.gov.uk" } },
        },
        ["PutCouncilDomains"] = new(Councils, "Replace a council's email domains",
            "Sets a council's domains (an empty list removes them all). Contacts who were waiting for approval with an address on an added domain are approved.")
        {
            Problems = [404],
            RequestExample = new { domains = new[] { "westminster.gov.uk" } },
            ResponseExample = new { councilCode = "E09000033", councilName = "Westminster City Council", domains = new[] { "westminster.gov.uk" }, added = new[] { "westminster.gov.uk" }, removed = Array.Empty<string>(), contactsApproved = 1 },
        },
        ["ImportCouncilDomains"] = new(Councils, "Import councils' email domains",
            "Adds domains from a CSV file (text/csv) whose first line is gssCode,domain. Whoever was waiting on an added domain is approved.")
        {
            Problems = [413, 415],
            Request = typeof(string),
            RequestContentType = "text/csv",
            RequestExample = "gssCode,domain\nE09000033,westminster.gov.uk\n",
            ResponseExample = new { added = 1, alreadyThere = 0, contactsApproved = 1, errors = Array.Empty<object>() },
        },
        ["ListContactsAwaitingApproval"] = new(Councils, "List contacts waiting for approval",
            "Contacts who confirmed an address that is not on one of their council's domains, with the council's domains.")
        {
            ResponseExample = new[] { new { councilCode = "E09000033", councilName = "Westminster City Council", reference = "LGS-7K3M-Q9TD", contactName = "Sam Patel", contactEmail = "sam.patel@example.org", jobTitle = "Head of Digital", confirmedAt = "2026-11-20T10:15:00+00:00", councilDomains = new[] { "westminster.gov.uk" } } },
        },
        ["ApproveContact"] = new(Councils, "Approve a contact",
            "Lets a contact act for their council. With addDomain=true their address's domain is added to the council's, which approves anyone else waiting on it.")
        {
            Problems = [404],
            ResponseExample = ApprovalExample,
        },
        ["DeclineContact"] = new(Councils, "Decline a contact, or withdraw an approval",
            "Stops a contact acting for their council and ends their sessions.")
        {
            Problems = [404],
            ResponseExample = new { councilCode = "E09000033", reference = "LGS-7K3M-Q9TD", status = "declined", changed = true, domainAdded = (string?)null, alsoApproved = 0 },
        },
        ["SignOutContactEverywhere"] = new(Councils, "Sign a contact out everywhere",
            "Ends every session of a contact: cookies and bearer tokens on every device.")
        {
            Problems = [404],
        },
        ["ListAssessors"] = new(Councils, "List the people who offered to assess",
            "Everyone who offered to assess, in every status, for the councils of one peer group (peerGroup, a slug) or all of them, by council then name.")
        {
            ResponseExample = new[] { AssessorExample },
        },
        ["ProposePeerAssessmentPanel"] = new(Councils, "Propose a panel for a peer-assessment request",
            "A panel of approved assessors from other councils: one lead assessor and one for each other role the standard needs, none from the council "
            + "or a declared conflict, nearest first (the peer group, then neighbouring regions), then the fewest assessments in the last 12 months within "
            + "their quarterly limit, all free on the chosen preferred date. Each member and the date come with a sentence saying why; with no complete "
            + "panel, gaps says which role is missing and why. For a reassessment (reassessmentOf), whoever accepted and sat on the earlier panel is "
            + "offered first in the same role when they still can (satOnFirstPanel); a member who cannot is replaced by the usual choice, whose "
            + "explanation says why. The same data always gives the same panel (ADR 0021).")
        {
            Problems = [404],
            ResponseExample = new
            {
                date = "2027-03-12",
                dateExplanation = "12 March 2027 suits all 6 members.",
                members = new[] { new { roleId = "user-research", roleLabel = "User research", assessorId = "E10000016.ABC123", name = "Priya Shah", councilCode = "E10000016", councilName = "Kent County Council", nearness = "NeighbouringRegion", recentAssessments = 0, explanation = "Priya Shah, Kent County Council: user research, 0 assessments in the last 12 months, available 12 March 2027.", satOnFirstPanel = false } },
                gaps = Array.Empty<string>(),
                reassessmentOf = (string?)null,
            },
        },
        ["ConfirmPeerAssessmentPanel"] = new(Councils, "Confirm or change a peer-assessment panel",
            "Sets the panel's date (one of the council's preferred dates) and one approved assessor for each role the standard needs, none from the "
            + "council or a declared conflict, each free on the date and within their quarterly limit. The request becomes panel-confirmed and each new "
            + "member is emailed an invitation, once, with a calendar file and a signed link to accept or decline. A member no longer chosen is marked "
            + "removed; a new date invites everyone again. Send If-Match with the ETag of your last answer: if another lead or organiser saved since, "
            + "the answer is 409 and nothing changes. 400 names each bad field (date, members[i].roleId, members[i].assessorId, members for a missing role). "
            + "Sending the panel exactly as it stands changes nothing, whatever the If-Match, and sends any invitation not yet sent: after a 503 "
            + "(the panel was saved but not every invitation could be sent) send the same body again to send the rest; nobody is invited twice. "
            + "Someone who declined may be chosen again: they get a new invitation.")
        {
            Problems = [400, 404, 409, 413, 415, 503],
            Request = typeof(PeerAssessments.Panels.PanelChoice),
            RequestExample = new { date = "2027-03-12", members = new[] { new { roleId = "lead-assessor", assessorId = "E08000025.ABC123" }, new { roleId = "user-research", assessorId = "E10000016.DEF456" } } },
            ResponseExample = new
            {
                reference = "PAR-7K3M-Q9TD",
                status = "panel-confirmed",
                date = "2027-03-12",
                members = new[] { new { roleId = "user-research", assessorId = "E10000016.DEF456", name = "Priya Shah", councilCode = "E10000016", councilName = "Kent County Council", status = "invited", respondedAt = (DateTimeOffset?)null } },
            },
        },
        ["ApproveAssessor"] = new(Councils, "Approve an assessor",
            "Approves an offer to assess and records the date of the assessor's training (trainedOn, yyyy-MM-dd, not in the future); for an approved assessor it records a new date. Only approved assessors are proposed for panels. 409 when they have withdrawn.")
        {
            Problems = [404, 409],
            Request = typeof(AssessorApprovalRequest),
            RequestExample = new { trainedOn = "2026-10-14" },
            ResponseExample = AssessorExample,
        },
        ["ExportContactPersonalData"] = new(Councils, "Export a contact's personal data",
            "Everything held about one contact (UK GDPR right of access): their sign-up, assessments they appear in, their offer to assess, summit invitations, mail and audit entries.")
        {
            Problems = [404],
            ResponseExample = new { exportedAt = "2026-11-30T09:00:00+00:00", reference = "LGS-7K3M-Q9TD", council = new { code = "E09000033", name = "Westminster City Council" } },
        },
        ["EraseContact"] = new(Councils, "Erase a contact everywhere",
            "Erases one contact (UK GDPR right to erasure) from every table, the stored workbooks and future exports, and keeps them erased after a restore.")
        {
            Problems = [404],
            ResponseExample = new { summitInvitations = 1, assessmentMentions = 2, peerGroupsLed = 0, emails = 4, auditEntries = 6, workbooksRebuilt = 1, earlierWorkbookVersionsDeleted = 1, outboxEmails = 0 },
        },
        ["ExportPersonPersonalData"] = new(Councils, "Export an address's personal data (not a contact)",
            "Everything held about someone who is not a contact, such as a meet-up registrant, named by the email address in the body (never in the URL): their registrations, pending and confirmed, the places they were given, their mail records, queued emails, audit entries and any unsubscribe. An address that is a contact's is refused with 409 and the contact's own routes.")
        {
            Problems = [409],
            RequestExample = new { email = "ada.lovelace@camden.gov.uk" },
            ResponseExample = new { exportedAt = "2026-11-30T09:00:00+00:00", contact = (object?)null, eventRegistrations = new[] { new { eventId = "evt-3f9a1c2b7d4e", eventName = "User research in practice", name = "Ada Lovelace", email = "ada.lovelace@camden.gov.uk", organisation = "Camden Council", councilName = "Camden Council", requestedAt = "2026-11-20T10:00:00+00:00", confirmedAt = "2026-11-20T10:05:00+00:00" } } },
        },
        ["ErasePerson"] = new(Councils, "Erase an address everywhere (not a contact)",
            "Erases someone who is not a contact, named by the email address in the body: their registrations and the places they held (offered to the waiting list), mail records, queued emails and the audit trail's pointers to them; an unsubscribe is kept as a hash. Safe to repeat, and they stay erased after a restore. An address that is a contact's is refused with 409 and the contact's own routes.")
        {
            Problems = [409],
            RequestExample = new { email = "ada.lovelace@camden.gov.uk" },
            ResponseExample = new { summitInvitations = 0, eventRegistrations = 1, emails = 2, auditEntries = 3, queuedEmails = 0 },
        },

        ["CreateSummit"] = new(Summits, "Create a summit",
            "Creates a Standard Summit: when and where, its capacity and the date answers are due by.")
        {
            RequestExample = new { name = "Standard Summit 2027", startsAt = "2027-03-10T09:30:00+00:00", endsAt = "2027-03-10T16:30:00+00:00", venue = "Guildhall", address = "Gresham Street, London EC2V 7HH", capacity = 120, rsvpBy = "2027-02-24T23:59:00+00:00", description = "A day for early adopters of the Standard." },
            ResponseExample = new { id = "2027-03-standard-summit", name = "Standard Summit 2027", capacity = 120 },
        },
        ["ListSummits"] = new(Summits, "List summits", "Every summit, newest first.")
        {
            ResponseExample = new[] { new { id = "2027-03-standard-summit", name = "Standard Summit 2027", capacity = 120 } },
        },
        ["PreviewSummitInvitees"] = new(Summits, "Preview who would be invited",
            "The consenting contacts the criteria select (verified on or before a date, optionally a minimum of submitted assessments and some peer groups), each with the reason; never the unsubscribed.")
        {
            Problems = [404],
            ResponseExample = new { summitId = "2027-03-standard-summit", count = 1, invitees = new[] { new { councilCode = "E09000033", councilName = "Westminster City Council", contactName = "Sam Patel", reason = "verified 2026-11-20; 2 submitted assessments" } } },
        },
        ["SendSummitInvitations"] = new(Summits, "Send or resume the invitations",
            "With criteria in the body, records the invitees they select, then sends (up to 1,000 a request); with no body, sends to those already recorded. "
            + "Each invitee is emailed once, even after a crash: send again to resume.")
        {
            Problems = [404],
            Request = typeof(InviteeCriteriaRequest),
            RequestOptional = true,
            RequestExample = InviteeCriteriaExample,
            ResponseExample = SendExample,
        },
        ["ListSummitInvitations"] = new(Summits, "List the invitations and answers",
            "Live counts and a row per invitee: delivery, answer, badge name and needs.")
        {
            Problems = [404],
            ResponseExample = new { summitId = "2027-03-standard-summit", counts = new { invited = 44, sent = 41, accepted = 20 }, invitations = Array.Empty<object>() },
        },
        ["SendSummitReminders"] = new(Summits, "Send a reminder round",
            "Reminds those who have not answered, once per round (1 or 2), before the answers are due.")
        {
            Problems = [404],
            Request = typeof(ReminderRequest),
            RequestExample = new { round = 1 },
            ResponseExample = SendExample,
        },
        ["ExportSummitAttendees"] = new(Summits, "List attendees, waitlist and declines",
            "Who is coming (with badge names and needs), who is waiting for a place, and who declined.")
        {
            Problems = [404],
            ResponseExample = new { summitId = "2027-03-standard-summit", name = "Standard Summit 2027", capacity = 120, attendees = Array.Empty<object>(), waitlist = Array.Empty<object>(), declines = Array.Empty<object>() },
        },
        ["ScheduleMeetups"] = new(Meetups, "Schedule a meet-up or a series",
            "Schedules a meet-up for the group: title, points of the Standard, when (UK time is stored as the instant), venue and address or an online link, places, speakers and agenda. With everyWeeks and meetings, schedules the whole series at the same UK time. With packId, each meeting uses that published content pack (one covering a point of the meet-up): invitations and the follow-up link to it, and the library lists the use.")
        {
            Problems = [404],
            RequestExample = new
            {
                title = "User research in practice", points = new[] { 1, 14 }, startsAt = "2027-03-04T18:00:00+00:00", endsAt = "2027-03-04T20:00:00+00:00",
                venue = "City Hall", address = "Kamal Chunchie Way, London E16 1ZE", onlineLink = "https://meet.example.gov.uk/london", capacity = 40,
                speakers = new[] { new { name = "Asha Patel", organisation = "Camden Council", talkTitle = "Research with residents on a budget" } }, openForRegistration = false,
                agenda = "18:00 Welcome\n18:15 Talks\n19:30 Discussion", everyWeeks = 6, meetings = 4, packId = "pck-7c1e2a9b40d3",
            },
            ResponseExample = new { meetups = new[] { new { id = "evt-3f9a1c2b7d4e", peerGroup = "london", title = "User research in practice", sequence = 0 } } },
        },
        ["ListMeetups"] = new(Meetups, "List a group's meet-ups", "The group's meet-ups, soonest first, cancelled ones included (with cancelledAt).")
        {
            Problems = [404],
            ResponseExample = new[] { new { id = "evt-3f9a1c2b7d4e", peerGroup = "london", title = "User research in practice", capacity = 40, accepted = 12 } },
        },
        ["MoveMeetup"] = new(Meetups, "Move a meet-up",
            "Gives the meet-up a new time and emails everyone with a place once, with a calendar file that replaces theirs (same UID, higher SEQUENCE). Sent again with the same time, it sends only the emails not yet sent.")
        {
            Problems = [404],
            RequestExample = new { startsAt = "2027-03-11T18:00:00+00:00", endsAt = "2027-03-11T20:00:00+00:00" },
            ResponseExample = new { meetup = new { id = "evt-3f9a1c2b7d4e", sequence = 1 }, notices = new { sent = 12, alreadySent = 0, inProgress = 0, failed = 0 } },
        },
        ["CancelMeetup"] = new(Meetups, "Cancel a meet-up",
            "Cancels the meet-up and emails everyone with a place exactly once, with a calendar file that removes it. Sent again, it sends only the emails not yet sent (after a crash).")
        {
            Problems = [404],
            ResponseExample = new { meetup = new { id = "evt-3f9a1c2b7d4e", cancelledAt = "2027-02-20T10:00:00+00:00" }, notices = new { sent = 12, alreadySent = 0, inProgress = 0, failed = 0 } },
        },
        ["SetMeetupRegistration"] = new(Meetups, "Open or close a meet-up to registration",
            "With open: true, the meet-up's public page (/events/{eventId}) takes registrations from anyone with a permitted public-sector address at a council in the group's area; each registrant confirms their address by an emailed link and then gets a place or joins the waiting list under the same rules as invitees. open: false closes it; places already given are kept. A cancelled or started meet-up cannot be opened. Scheduling can open a meet-up at once with openForRegistration: true.")
        {
            Problems = [404],
            RequestExample = new { open = true },
            ResponseExample = new { id = "evt-3f9a1c2b7d4e", peerGroup = "london", title = "User research in practice", openForRegistration = true, publicPage = "/events/evt-3f9a1c2b7d4e" },
        },
        ["InviteMeetupGroup"] = new(Meetups, "Invite the group",
            "Invites the group's approved contacts who agreed to be contacted, as summit invitations are sent: the unsubscribed are left out, nobody is invited twice, and a repeat sends only what was not yet sent.")
        {
            Problems = [404],
            ResponseExample = SendExample,
        },
        ["SetMeetupPack"] = new(Meetups, "Choose the meet-up's content pack",
            "Sets the published pack the meet-up uses (one covering a point of the meet-up), or none with an empty packId, and records the use in the library. Invitations sent afterwards and the follow-up link to it.")
        {
            Problems = [404],
            Request = typeof(MeetupPackRequest),
            RequestExample = new { packId = "pck-7c1e2a9b40d3" },
            ResponseExample = new { id = "evt-3f9a1c2b7d4e", pack = new { id = "pck-7c1e2a9b40d3", title = "Research with residents", page = "/peer-groups/packs/pck-7c1e2a9b40d3" } },
        },
        ["MeetupAttendance"] = new(Meetups, "Read a meet-up's attendance",
            "Everyone with a place and whether the saved attendance says they came, those who came without a place, and how many came from each council.")
        {
            Problems = [404],
            ResponseExample = new
            {
                eventId = "evt-3f9a1c2b7d4e", recorded = true, attended = 2,
                places = new[] { new { invitationId = "E09000007-k3h1", name = "Asha Patel", councilName = "Camden", attended = true } },
                walkIns = new[] { new { name = "Sam Lee", gssCode = "E09000019", councilName = "Islington" } },
                councils = new[] { new { gssCode = "E09000007", councilName = "Camden", attended = 1 } },
            },
        },
        ["RecordMeetupAttendance"] = new(Meetups, "Record a meet-up's attendance",
            "Once the meet-up has started: the invitation ids of the people with a place who came, and anyone who came without one (name and council code). Saving again replaces the attendance; a reader sees the old attendance or the new, never a mixture.")
        {
            Problems = [404],
            Request = typeof(AttendanceRequest),
            RequestExample = new { attended = new[] { "E09000007-k3h1" }, walkIns = new[] { new { name = "Sam Lee", council = "E09000019" } } },
            ResponseExample = new { eventId = "evt-3f9a1c2b7d4e", recorded = true, attended = 2 },
        },
        ["SendMeetupFollowUp"] = new(Meetups, "Send the follow-up email",
            "After attendance is recorded: emails the message, with a link to the meet-up's pack, once to each person with a place who came (not to unsubscribed addresses). The first send fixes the message; sent again, it sends only what was not yet sent, with that message.")
        {
            Problems = [404],
            Request = typeof(FollowUpRequest),
            RequestExample = new { message = "Thank you for coming. The slides and the exercise are in the pack." },
            ResponseExample = new { message = "Thank you for coming.", startedAt = "2027-03-05T09:00:00+00:00", sent = 12, alreadySent = 0, inProgress = 0, failed = 0, unsubscribed = 1 },
        },
        ["ExportSummitWorkbook"] = new(Summits, "Download attendees as a workbook",
            "The same lists as an Excel workbook with a named table on each sheet.")
        {
            Problems = [404],
            Files = [Xlsx],
        },

        ["RunMonthlyReports"] = new(Reports, "Build and send a month's workbooks",
            "Builds, stores and emails a month's peer-group workbooks now: every group, or one (peerGroup). Each lead gets one email a month; resend=true sends again (audited).")
        {
            ResponseExample = new { month = "2026-11", resend = false, outcomes = new[] { new { peerGroup = "london", status = "sent", built = true, leads = 2, sentNow = 2 } }, runs = Array.Empty<object>() },
        },
        ["ListReportRuns"] = new(Reports, "List a month's workbook runs",
            "One run per peer group: status, timestamps, size and the emails sent.")
        {
            ResponseExample = new { month = "2026-11", runs = new[] { new { peerGroup = "london", name = "London", status = "sent", leads = 2, leadsSent = 2 } } },
        },
        ["DownloadReportWorkbook"] = new(Reports, "Download a peer group's workbook",
            "The stored workbook of a peer group for a month (yyyy-MM).")
        {
            Problems = [404],
            Files = [Xlsx],
        },
        ["OrganiserDashboard"] = new(Reports, "The organiser's dashboard",
            "The dashboard page with each council (sign-up date, verified contacts, assessments, listed or not), filtered by the query (peerGroup, region, standard, from, to). "
            + "An HTML page for scripts that hold the key; people use /organiser/dashboard in the console.")
        {
            Problems = [400],
            Files = ["text/html"],
        },
        ["OrganiserDashboardExport"] = new(Reports, "Export the organiser's dashboard",
            "The organiser's dashboard as CSV (one long table: table, row, column, value) or as a workbook with a sheet per table; format is csv or xlsx.")
        {
            Problems = [400, 404],
            Files = ["text/csv", Xlsx],
        },
        ["OrganiserDashboardChartCsv"] = new(Reports, "One chart's data from the organiser's dashboard",
            "The figures behind one chart of the organiser's dashboard as CSV, filtered like the page (peerGroup, region, standard, from, to, compare); "
            + "chart is signups, points, peer-groups or heat-map.")
        {
            Problems = [400],
            Files = ["text/csv"],
        },

        ["FeedServiceDocument"] = new(Feed, "The feed's service document",
            "The entity sets the feed offers, as OData JSON.")
        {
            Problems = [406],
            Response = typeof(FeedServiceDocument),
            ResponseExample = new Dictionary<string, object> { ["@odata.context"] = "https://standard.localgov.digital/odata/$metadata", ["value"] = new[] { new { name = "Councils", kind = "EntitySet", url = "Councils" } } },
        },
        ["FeedMetadata"] = new(Feed, "The feed's $metadata",
            "The feed's entity data model as OData CSDL XML, which Power BI reads to know the sets, their columns and keys.")
        {
            Files = ["application/xml"],
            ResponseExample = "<?xml version=\"1.0\" encoding=\"utf-8\"?><edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">…</edmx:Edmx>",
        },
    };

    /// <summary>The feed's ten entity sets, each with a collection, a $count and a look-up by key.</summary>
    private static readonly (string Set, Type Row, string Key, object Example)[] FeedSets =
    [
        ("Councils", typeof(FeedCouncil), "E09000033", new { code = "E09000033", name = "Westminster City Council" }),
        ("SignUps", typeof(FeedSignUp), "E09000033", new { gssCode = "E09000033", signedUpAt = "2026-11-20T10:15:00Z" }),
        ("Assessments", typeof(FeedAssessment), "E09000033|LGS-7K3M-Q9TD", new { id = "E09000033|LGS-7K3M-Q9TD", standardId = "lgdss-2016" }),
        ("PointResults", typeof(FeedPointResult), "E09000033|LGS-7K3M-Q9TD|1", new { id = "E09000033|LGS-7K3M-Q9TD|1", pointNumber = 1, rating = "met" }),
        ("Actions", typeof(FeedAction), "E09000033|LGS-7K3M-Q9TD|4", new { id = "E09000033|LGS-7K3M-Q9TD|4", pointNumber = 4, status = "open" }),
        ("MonthlySnapshots", typeof(FeedMonthlySnapshot), "2026-11|london|all", new { id = "2026-11|london|all", month = "2026-11" }),
        ("Headlines", typeof(FeedHeadline), "signed-up", new { id = "signed-up", label = "Councils signed up", kind = "count", numerator = "signedUp" }),
        ("SupportNeeds", typeof(FeedSupportNeed), "E09000033|3", new { id = "E09000033|3", pointNumber = 3, understanding = "partly", support = "a-lot" }),
        ("PeerAssessments", typeof(FeedPeerAssessment), "PAR-7K3M-Q9TD", new { reference = "PAR-7K3M-Q9TD", gssCode = "E09000033", status = "report-published", held = true, outcome = "met", daysToAssessment = 41 }),
        ("AssessorLoad", typeof(FeedAssessorLoad), "E09000033", new { gssCode = "E09000033", assessmentsGiven = 3, assessmentsReceived = 1, givesBack = true }),
    ];

    private static readonly Dictionary<string, string> FilterOption = new()
    {
        ["$filter"] = "An OData filter, for example region eq 'london' and signedUp eq true.",
    };

    private static readonly Dictionary<string, string> CollectionOptions = new(FilterOption)
    {
        ["$select"] = "The columns to return, comma-separated.",
        ["$orderby"] = "The columns to sort by, each optionally desc.",
        ["$top"] = $"At most this many rows (up to {FeedModel.MaxTop}).",
        ["$skip"] = "Skip this many rows.",
        ["$count"] = "true adds @odata.count, the number of rows that pass $filter.",
    };

    public static RouteDoc? Find(string functionName)
    {
        if (Routes.TryGetValue(functionName, out var doc))
        {
            return doc;
        }

        foreach (var (set, row, key, example) in FeedSets)
        {
            if (functionName == "Feed" + set)
            {
                return new(Feed, $"Read {set}",
                    $"The {set} rows, a page at a time (follow @odata.nextLink), with $filter, $select, $orderby, $top, $skip and $count.")
                {
                    Problems = [400, 406],
                    Query = CollectionOptions,
                    Response = typeof(FeedPage<>).MakeGenericType(row),
                    ResponseExample = new Dictionary<string, object> { ["@odata.context"] = $"https://standard.localgov.digital/odata/$metadata#{set}", ["value"] = new[] { example } },
                };
            }

            if (functionName == "Feed" + set + "Count")
            {
                return new(Feed, $"Count {set}", $"How many {set} rows pass $filter, as plain text.")
                {
                    Problems = [400],
                    Query = FilterOption,
                    Files = ["text/plain"],
                    ResponseExample = "397",
                };
            }

            if (functionName == "Feed" + set + "ByKey")
            {
                return new(Feed, $"Read one of {set}", $"One {set} row by its key, quoted as an OData string: {set}('{key}').")
                {
                    Problems = [400, 404, 406],
                    Response = row,
                    ResponseExample = example,
                };
            }
        }

        return null;
    }
}
