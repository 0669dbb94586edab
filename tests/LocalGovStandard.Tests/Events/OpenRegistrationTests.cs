using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.Events;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;
using LocalGovStandard.Tests.Summits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Events;

/// <summary>The register's test councils with their email domains, and a London lead (each test signs in on its own clock).</summary>
public sealed class OpenRegistrationFixture : RegisteredServiceFixture
{
    public const string Lead = "lead.openreg@westminster.gov.uk";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await OpenRegistrationSteps.AddCouncilDomainsAsync(this);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Westminster, Lead);
        await ReportSteps.SetLeadsAsync(CreateAdminClient(), "london", "London", ["london"], new ReportSteps.Lead("Lee Lead", Lead));
    }
}

/// <summary>
/// Open registration (ADR 0024) on real Azurite with SendGrid's loopback capture: who may register, that an unverified address
/// holds no place, that the emailed link is scanner-safe and single-use, and that a confirmed registrant gets a place under the
/// RSVP engine's rules. Each test schedules its own meet-up and registers its own addresses.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class OpenRegistrationTests(OpenRegistrationFixture fixture) : IClassFixture<OpenRegistrationFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task APermittedAddress_IsSentOneLink_AScannerSpendsNothing_AndConfirming_GivesAPlaceWithACalendarFile_Once()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(30), capacity: 5);
        var email = OpenRegistrationSteps.Unique("camden.gov.uk");

        var registered = await OpenRegistrationSteps.RegisterAsync(fixture, id, email);
        var link = OpenRegistrationSteps.LinkFor(fixture, email);
        var unverified = await SummitSteps.InvitationsAsync(admin, id);
        var scanned = await EmailedLinkSteps.ScanAsync(fixture, link);
        var afterScan = await SummitSteps.InvitationsAsync(admin, id);
        var confirmed = await EmailedLinkSteps.OpenAndPressAsync(fixture, link);
        var again = await HtmlPage.ReadAsync(await fixture.CreateClient().GetAsync(EmailedLinkSteps.Relative(link)));

        Assert.Equal((HttpStatusCode.OK, "Check your email"), (registered.Status, registered.Heading));
        Assert.Equal(0, unverified["counts"]!["invited"]!.GetValue<int>());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.MethodNotAllowed], scanned);
        Assert.Equal(0, afterScan["counts"]!["invited"]!.GetValue<int>());
        Assert.Equal((HttpStatusCode.OK, "Your place is confirmed"), (confirmed.Status, confirmed.Heading));
        Assert.Equal((HttpStatusCode.Conflict, "You have already used this link"), (again.Status, again.Heading));
        var status = await SummitSteps.InvitationsAsync(admin, id);
        Assert.Equal(1, status["counts"]!["accepted"]!.GetValue<int>());
        var row = Assert.Single(status["invitations"]!.AsArray())!;
        Assert.Equal(("registered", "accepted", TestRegister.Camden.GssCode), (row["delivery"]!.GetValue<string>(), row["response"]!.GetValue<string>(), row["councilCode"]!.GetValue<string>()));
        var place = Assert.Single(fixture.SendGrid.Accepted, m => m.To == email && m.Subject.StartsWith("You are coming to", StringComparison.Ordinal));
        Assert.Contains(OpenRegistrationSteps.OnlineLink, place.PlainText, StringComparison.Ordinal);
        Assert.Contains($"UID:{id}@", SummitSteps.Utf8(SummitSteps.Attachment(place, "meetup.ics")), StringComparison.Ordinal);
        Assert.Single(OpenRegistrationSteps.LinkEmails(fixture, email));
    }

    [Fact]
    public async Task ARepeatRegistration_GetsTheSameAnswer_AndNoSecondEmail()
    {
        var id = await OpenRegistrationSteps.ScheduleAsync(fixture.CreateAdminClient(), _clock.GetUtcNow().AddDays(30));
        var email = OpenRegistrationSteps.Unique("westminster.gov.uk");

        var first = await OpenRegistrationSteps.RegisterAsync(fixture, id, email);
        var repeat = await OpenRegistrationSteps.RegisterAsync(fixture, id, email, name: "Someone Else");

        Assert.Equal(first.Status, repeat.Status);
        Assert.Equal(first.Document.QuerySelector("main")!.TextContent, repeat.Document.QuerySelector("main")!.TextContent);
        var sent = Assert.Single(OpenRegistrationSteps.LinkEmails(fixture, email));
        Assert.Contains("Dear Ada Lovelace", sent.PlainText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("birmingham.gov.uk", "London peer group's area")]
    [InlineData("nowhere.gov.uk", "London peer group's area")]
    [InlineData("gmail.com", "must end in gov.uk")]
    public async Task AnAddressNotPermittedForTheGroup_IsRefused_NamingTheEmailField_AndNothingIsStoredOrSent(string domain, string message)
    {
        var id = await OpenRegistrationSteps.ScheduleAsync(fixture.CreateAdminClient(), _clock.GetUtcNow().AddDays(30));
        var email = OpenRegistrationSteps.Unique(domain);

        var refused = await OpenRegistrationSteps.RegisterAsync(fixture, id, email);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["#email"], refused.ErrorLinks);
        Assert.Contains(message, Assert.Single(refused.ErrorMessages), StringComparison.Ordinal);
        Assert.Equal(email, refused.ValueOf("email"));
        Assert.Empty(await RegistrationRowsAsync(id));
        Assert.DoesNotContain(fixture.SendGrid.Accepted, m => m.To == email);
    }

    [Fact]
    public async Task AnEmptyForm_NamesEachField()
    {
        var id = await OpenRegistrationSteps.ScheduleAsync(fixture.CreateAdminClient(), _clock.GetUtcNow().AddDays(30));

        var refused = await OpenRegistrationSteps.RegisterAsync(fixture, id, "", name: "", organisation: "");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["#name", "#email", "#organisation"], refused.ErrorLinks);
        Assert.Empty(await RegistrationRowsAsync(id));
    }

    [Fact]
    public async Task WhenTheMeetupIsFull_TheNextRegistrant_JoinsTheWaitingList_AndIsNotSentTheOnlineLink()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(30), capacity: 1);
        var first = OpenRegistrationSteps.Unique("camden.gov.uk");
        var second = OpenRegistrationSteps.Unique("westminster.gov.uk");

        var placed = await OpenRegistrationSteps.RegisterAndConfirmAsync(fixture, id, first);
        var waiting = await OpenRegistrationSteps.RegisterAndConfirmAsync(fixture, id, second);
        var page = await PageSession.Anonymous(fixture).GetAsync($"/events/{id}");

        Assert.Equal("Your place is confirmed", placed.Heading);
        Assert.Equal("You are on the waiting list", waiting.Heading);
        var status = await SummitSteps.InvitationsAsync(admin, id);
        Assert.Equal((1, 1), (status["counts"]!["accepted"]!.GetValue<int>(), status["counts"]!["waitlisted"]!.GetValue<int>()));
        var told = Assert.Single(fixture.SendGrid.Accepted, m => m.To == second && m.Subject.StartsWith("You are on the waiting list", StringComparison.Ordinal));
        Assert.DoesNotContain(OpenRegistrationSteps.OnlineLink, told.PlainText + told.Html, StringComparison.Ordinal);
        Assert.StartsWith("None", page.Element("#places-left")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(OpenRegistrationSteps.OnlineLink, page.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsubscribedAddress_GetsTheSameAnswer_AndIsSentNothing()
    {
        var id = await OpenRegistrationSteps.ScheduleAsync(fixture.CreateAdminClient(), _clock.GetUtcNow().AddDays(30));
        var email = OpenRegistrationSteps.Unique("camden.gov.uk");
        await fixture.Service<SuppressionList>().AddAsync(SignupService.ContactKey(email), "test", CancellationToken.None);

        var answered = await OpenRegistrationSteps.RegisterAsync(fixture, id, email);

        Assert.Equal((HttpStatusCode.OK, "Check your email"), (answered.Status, answered.Heading));
        Assert.Empty(await RegistrationRowsAsync(id));
        Assert.DoesNotContain(fixture.SendGrid.Accepted, m => m.To == email);
    }

    [Fact]
    public async Task AMeetupNotOpen_SaysSo_AndRefusesARegistrationPostedAnyway()
    {
        var admin = fixture.CreateAdminClient();
        var open = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(30));
        var closed = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(31), open: false);
        var session = PageSession.Anonymous(fixture);

        var page = await session.GetAsync($"/events/{closed}");
        var fields = PageSession.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)(await session.GetAsync($"/events/{open}")).Document.QuerySelector("main form")!);
        fields.RemoveAll(f => f.Key == "email");
        fields.Add(KeyValuePair.Create("email", OpenRegistrationSteps.Unique("camden.gov.uk")));
        var posted = await session.PostAsync($"/events/{closed}/register", fields);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("not open to registration", page.Element("#event-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Element("main form"));
        Assert.Equal(HttpStatusCode.Conflict, posted.Status);
        Assert.Empty(await RegistrationRowsAsync(closed));
    }

    [Fact]
    public async Task CancellingAfterSomeoneRegistered_ClosesThePage_AndTheirLinkGivesNoPlace()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(30));
        var email = OpenRegistrationSteps.Unique("camden.gov.uk");
        await OpenRegistrationSteps.RegisterAsync(fixture, id, email);

        await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/cancel");
        var page = await PageSession.Anonymous(fixture).GetAsync($"/events/{id}");
        var confirmed = await EmailedLinkSteps.OpenAndPressAsync(fixture, OpenRegistrationSteps.LinkFor(fixture, email));

        Assert.Contains("cancelled", page.Element("#event-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Element("main form"));
        Assert.Equal("Registration has closed", confirmed.Heading);
        Assert.Equal(0, (await SummitSteps.InvitationsAsync(admin, id))["counts"]!["invited"]!.GetValue<int>());
    }

    [Fact]
    public async Task OnceTheMeetupHasStarted_ThePageSaysSo_AndALinkFromBefore_HasExpired()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(2));
        var email = OpenRegistrationSteps.Unique("camden.gov.uk");
        await OpenRegistrationSteps.RegisterAsync(fixture, id, email);
        var link = OpenRegistrationSteps.LinkFor(fixture, email);

        _clock.Advance(TimeSpan.FromDays(3));
        var page = await PageSession.Anonymous(fixture).GetAsync($"/events/{id}");
        var opened = await HtmlPage.ReadAsync(await fixture.CreateClient().GetAsync(EmailedLinkSteps.Relative(link)));

        Assert.Contains("has taken place", page.Element("#event-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Element("main form"));
        Assert.Equal((HttpStatusCode.BadRequest, "This link has expired"), (opened.Status, opened.Heading));
    }

    [Fact]
    public async Task ASummitOrAnUnknownId_HasNoPublicPage()
    {
        var summit = await SummitSteps.CreateSummitAsync(fixture.CreateAdminClient(), _clock, capacity: 5);

        using var ofSummit = await fixture.CreateClient().GetAsync(new Uri($"/events/{summit["id"]!.GetValue<string>()}", UriKind.Relative));
        using var unknown = await fixture.CreateClient().GetAsync(new Uri("/events/evt-000000000000", UriKind.Relative));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (ofSummit.StatusCode, unknown.StatusCode));
    }

    [Fact]
    public async Task TheOrganisersApi_OpensAndCloses_AndRefusesAMissingSetting_OrACancelledMeetup()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(30), open: false);
        var path = $"/api/admin/peer-groups/london/events/{id}/registration";

        var opened = await MeetupSteps.PostAsync(admin, path, new { open = true });
        var pageWhenOpen = await PageSession.Anonymous(fixture).GetAsync($"/events/{id}");
        var closed = await MeetupSteps.PostAsync(admin, path, new { open = false });
        using var missing = await admin.PostAsJsonAsync(path, new { });
        using var unknown = await admin.PostAsJsonAsync("/api/admin/peer-groups/london/events/evt-000000000000/registration", new { open = true });
        await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/cancel");
        using var cancelled = await admin.PostAsJsonAsync(path, new { open = true });

        Assert.Equal((true, $"/events/{id}"), (opened["openForRegistration"]!.GetValue<bool>(), opened["publicPage"]!.GetValue<string>()));
        Assert.NotNull(pageWhenOpen.Element("main form"));
        Assert.False(closed["openForRegistration"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotNull(JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["errors"]!["open"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cancelled.StatusCode);
        Assert.NotNull(JsonNode.Parse(await cancelled.Content.ReadAsStringAsync())!["errors"]!["open"]);
    }

    [Fact]
    public async Task ALead_OpensAMeetup_FromTheGroupsMeetupsPage_ByItsButton()
    {
        var id = await OpenRegistrationSteps.ScheduleAsync(fixture.CreateAdminClient(), _clock.GetUtcNow().AddDays(30), open: false);
        var lead = await PageSession.SignInAsync(fixture, OpenRegistrationFixture.Lead);
        var list = await lead.GetAsync("/peer-groups/london/events");
        Assert.True(list.Status == HttpStatusCode.OK, $"{(int)list.Status} {list.Location} {list.Document.QuerySelector("h1")?.TextContent}");
        var button = list.Element($"#registration-{id}")!;

        var opened = await lead.SubmitAsync(list, action: $"/peer-groups/london/events/{id}/registration");
        var after = await lead.GetAsync(opened.Location!);
        var page = await PageSession.Anonymous(fixture).GetAsync($"/events/{id}");

        Assert.StartsWith("Open to registration", button.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.StartsWith("Close registration", after.Element($"#registration-{id}")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(page.Element("main form"));
    }

    [Fact]
    public async Task ARegistrantWhoIsAlsoAContact_IsExported_AndErased_WithTheirPlaceGivenUp()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(30));
        var email = OpenRegistrationSteps.Unique("camden.gov.uk");
        await OpenRegistrationSteps.RegisterAndConfirmAsync(fixture, id, email, name: "Registrant To Erase");
        var holder = fixture.Service<EventPersonalData>();
        var key = SignupService.ContactKey(email);

        var exported = await holder.RegistrationsAsync(key, CancellationToken.None);
        var erased = await holder.EraseAsync(TestRegister.Camden.GssCode, key, CancellationToken.None);

        var registration = Assert.Single(exported).Registration;
        Assert.Equal(("Registrant To Erase", email, "Camden Council"), (registration.Name, registration.Email, registration.Organisation));
        Assert.True(erased >= 1);
        Assert.Empty(await holder.RegistrationsAsync(key, CancellationToken.None));
        Assert.Empty(await RegistrationRowsAsync(id));
        var status = await SummitSteps.InvitationsAsync(admin, id);
        Assert.Equal((0, 0), (status["counts"]!["invited"]!.GetValue<int>(), status["counts"]!["accepted"]!.GetValue<int>()));
    }

    private async Task<List<TableEntity>> RegistrationRowsAsync(string eventId)
    {
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Summits);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {eventId} and RowKey ge {"reg|"} and RowKey lt {"reg}"}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>The registration form's own limit per client address, set low here: the rest of the suite runs with it out of the way.</summary>
public sealed class OpenRegistrationLimitFixture : RegisteredServiceFixture
{
    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["LocalGovStandard:RateLimits:RegistrationsPermitLimit"] = "3",
        ["LocalGovStandard:RateLimits:Window"] = "01:00:00",
    };
}

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class OpenRegistrationLimitTests(OpenRegistrationLimitFixture fixture) : IClassFixture<OpenRegistrationLimitFixture>
{
    [Fact]
    public async Task ThePublicForm_IsLimitedPerClient_AndAnswers429WithRetryAfter_WhileThePageStillShows()
    {
        var clock = fixture.Clock.StartTest();
        await OpenRegistrationSteps.AddCouncilDomainsAsync(fixture);
        var id = await OpenRegistrationSteps.ScheduleAsync(fixture.CreateAdminClient(), clock.GetUtcNow().AddDays(30));

        var answers = new List<HtmlPage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await OpenRegistrationSteps.RegisterAsync(fixture, id, OpenRegistrationSteps.Unique("camden.gov.uk")));
        }

        var page = await PageSession.Anonymous(fixture).GetAsync($"/events/{id}");

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].Status);
        Assert.NotNull(answers[3].Response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }
}
