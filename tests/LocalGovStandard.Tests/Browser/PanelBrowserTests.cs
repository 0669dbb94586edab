using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments;
using LocalGovStandard.Tests.Reports;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;
using static LocalGovStandard.Tests.Browser.PageChecks;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// A lead confirms a proposed panel with the keyboard alone, and a member accepts through their invitation.
/// axe-core on every page; screenshots in artifacts/screenshots/panel-*.png.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class PanelBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ALead_ConfirmsThePanelByKeyboard_AndAMemberAccepts_WithNoAxeViolations()
    {
        const string asker = "panel.asker@westminster.gov.uk";
        const string lead = "panel.lead@camden.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, asker);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, lead);
        await ReportSteps.SetLeadsAsync(fixture.CreateAdminClient(), "london", "London", ["london"], new ReportSteps.Lead("Lena London", lead));
        var today = UkTime.Today(fixture.Clock);
        var created = await (await AccessSteps.BearerClientAsync(fixture, asker)).PostAsJsonAsync("/api/peer-assessments", new
        {
            serviceName = "Report a missed bin",
            phase = "beta",
            standardId = "service-standard-2019",
            preferredDates = new[] { PanelSteps.Iso(today.AddDays(30)), PanelSteps.Iso(today.AddDays(40)) },
            serviceUrl = "https://www.westminster.gov.uk/bins",
            contactReference = await PanelSteps.WestminsterReferenceAsync(fixture, asker),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var reference = (await created.Content.ReadFromJsonAsync<JsonNode>())!["reference"]!.GetValue<string>();
        var pool = await PanelSteps.PoolAsync(fixture, "browser", today);
        var violations = new List<string>();

        await using var leadContext = await fixture.NewContextAsync(bypassCsp: true);
        var page = await leadContext.NewPageAsync();
        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(lead), BrowserFixture.SignInButton);
        await page.WaitForURLAsync("**/assessments");
        await page.GotoAsync(PanelSteps.LeadPage(reference));
        await Expect(page.Locator("#panel")).ToHaveTextAsync("Confirm the panel");
        await CheckAsync(page, "panel-lead-proposal", violations);

        // The second preferred date, chosen with the keyboard; the proposal's people stay chosen.
        await TabToAsync(page, page.Locator("#date"), 80);
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(PanelSteps.Iso(today.AddDays(40)), await page.Locator("#date").InputValueAsync());
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Confirm the panel and invite its members" }), 120);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The panel is saved");
        await Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(pool.Count);
        await CheckAsync(page, "panel-lead-confirmed", violations);

        var invitation = PanelSteps.Sent(fixture, "invite", reference).Single(m => m.To == pool[0].Email);
        await using var memberContext = await fixture.NewContextAsync(bypassCsp: true);
        var member = await memberContext.NewPageAsync();
        await member.GotoAsync(new Uri(fixture.BaseUrl, PanelSteps.Link(invitation, PanelLinks.AcceptPath).PathAndQuery).ToString());
        await CheckAsync(member, "panel-member-accept-button", violations);
        await PressButtonAsync(member, "Accept");
        await Expect(member.Locator("h1")).ToHaveTextAsync("You are on the panel");
        await CheckAsync(member, "panel-member-accepted", violations);

        await page.ReloadAsync();
        await Expect(page.Locator("main table tbody tr").First).ToContainTextAsync("Accepted");
        await CheckAsync(page, "panel-lead-answers", violations);
        Assert.Empty(violations);
    }
}
