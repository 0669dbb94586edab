using LocalGovStandard.Access;
using LocalGovStandard.Assessments;
using LocalGovStandard.Feed;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;
using LocalGovStandard.Events;

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

    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        [Public] = "Routes anyone may call: sign up, check a sign-up, the standards and the peer groups, and the service's health.",
        [Contact] = "A verified contact's routes, for their own council only: sign in with an emailed link's token, then record, submit and reassess assessments, their evidence and actions.",
        [Organiser] = "Organiser routes under /api/admin (the organiser key): peer groups, the register and timers.",
        [Councils] = "Organiser routes about councils and the people who act for them: domains, approvals, sign-ups, and UK GDPR export and erasure.",
        [Summits] = "Organiser routes for Standard Summits: create, choose invitees, send invitations and reminders, and the answers.",
        [Meetups] = "Organiser routes for a peer group's meet-ups: schedule one or a series, move or cancel one (telling those with a place, once each), and invite the group.",
        [Reports] = "Organiser routes for the monthly peer-group workbooks and the organiser's dashboard.",
        [Feed] = "The read-only OData v4 feed for Power BI (the read key). JSON with odata.metadata=minimal or none; $filter, $select, $orderby, $top, $skip and $count; pages linked by @odata.nextLink.",
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
            "The regional peer groups and the regions in each. Their leads are personal data and never appear here.")
        {
            ResponseExample = new[] { new { slug = "london", name = "London", regions = new[] { new { slug = "london", name = "London" } } } },
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
        ["SavePeerGroup"] = new(Organiser, "Create or change a peer group",
            "Sets a peer group's name, regions (each region in one group only) and leads, who get its monthly workbook.")
        {
            Request = typeof(PeerGroupRequest),
            RequestExample = new { name = "London", regions = new[] { "london" }, leads = new[] { new { name = "Alex Morgan", email = "alex.morgan@camden.gov.uk" } } },
            ResponseExample = new { slug = "london", name = "London", regions = new[] { new { slug = "london", name = "London" } }, leads = new[] { new { name = "Alex Morgan", email = "alex.morgan@camden.gov.uk" } } },
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
            "Runs a timer function (PurgeExpiredVerifications, BackupTables, RefreshDashboardSnapshots, MonthlyProgressWorkbooks) at once, audited like every timer run.")
        {
            Problems = [404],
            ResponseExample = new { Outputs = new { }, Logs = new[] { "Refreshed 12 regions for 2026-11." }, ReturnValue = (object?)null },
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
        ["ExportContactPersonalData"] = new(Councils, "Export a contact's personal data",
            "Everything held about one contact (UK GDPR right of access): their sign-up, assessments they appear in, summit invitations, mail and audit entries.")
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
            "Schedules a meet-up for the group: title, points of the Standard, when (UK time is stored as the instant), venue and address or an online link, places, speakers and agenda. With everyWeeks and meetings, schedules the whole series at the same UK time.")
        {
            Problems = [404],
            RequestExample = new
            {
                title = "User research in practice", points = new[] { 1, 14 }, startsAt = "2027-03-04T18:00:00+00:00", endsAt = "2027-03-04T20:00:00+00:00",
                venue = "City Hall", address = "Kamal Chunchie Way, London E16 1ZE", onlineLink = "https://meet.example.gov.uk/london", capacity = 40,
                speakers = new[] { new { name = "Asha Patel", organisation = "Camden Council", talkTitle = "Research with residents on a budget" } },
                agenda = "18:00 Welcome\n18:15 Talks\n19:30 Discussion", everyWeeks = 6, meetings = 4,
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
        ["InviteMeetupGroup"] = new(Meetups, "Invite the group",
            "Invites the group's approved contacts who agreed to be contacted, as summit invitations are sent: the unsubscribed are left out, nobody is invited twice, and a repeat sends only what was not yet sent.")
        {
            Problems = [404],
            ResponseExample = SendExample,
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

    /// <summary>The feed's seven entity sets, each with a collection, a $count and a look-up by key.</summary>
    private static readonly (string Set, Type Row, string Key, object Example)[] FeedSets =
    [
        ("Councils", typeof(FeedCouncil), "E09000033", new { code = "E09000033", name = "Westminster City Council" }),
        ("SignUps", typeof(FeedSignUp), "E09000033", new { gssCode = "E09000033", signedUpAt = "2026-11-20T10:15:00Z" }),
        ("Assessments", typeof(FeedAssessment), "E09000033|LGS-7K3M-Q9TD", new { id = "E09000033|LGS-7K3M-Q9TD", standardId = "lgdss-2016" }),
        ("PointResults", typeof(FeedPointResult), "E09000033|LGS-7K3M-Q9TD|1", new { id = "E09000033|LGS-7K3M-Q9TD|1", pointNumber = 1, rating = "met" }),
        ("Actions", typeof(FeedAction), "E09000033|LGS-7K3M-Q9TD|4", new { id = "E09000033|LGS-7K3M-Q9TD|4", pointNumber = 4, status = "open" }),
        ("MonthlySnapshots", typeof(FeedMonthlySnapshot), "2026-11|london|all", new { id = "2026-11|london|all", month = "2026-11" }),
        ("Headlines", typeof(FeedHeadline), "signed-up", new { id = "signed-up", label = "Councils signed up", kind = "count", numerator = "signedUp" }),
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
