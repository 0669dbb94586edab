using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Trust;

public static partial class TrustSteps
{
    /// <summary>The organiser's view of one council's contacts, as the admin API lists them.</summary>
    public static async Task<JsonNode?> CouncilAsync(ServiceFixture fixture, TestCouncil council)
    {
        var list = await fixture.CreateAdminClient().GetFromJsonAsync<JsonNode>($"/api/admin/signups?peerGroup=");
        return list!["councils"]!.AsArray().FirstOrDefault(c => c!["councilCode"]!.GetValue<string>() == council.GssCode);
    }

    public static async Task<JsonNode?> ContactAsync(ServiceFixture fixture, TestCouncil council, string email) =>
        (await CouncilAsync(fixture, council))?["contacts"]!.AsArray()
            .FirstOrDefault(c => string.Equals(c!["contactEmail"]!.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase));

    public static async Task<string> StatusAsync(ServiceFixture fixture, TestCouncil council, string email) =>
        (await ContactAsync(fixture, council, email))?["status"]!.GetValue<string>() ?? "(none)";

    public static async Task<string> ReferenceAsync(ServiceFixture fixture, TestCouncil council, string email) =>
        (await ContactAsync(fixture, council, email))!["reference"]!.GetValue<string>();

    /// <summary>The approval link in the latest request emailed to this approver.</summary>
    public static Uri LatestApprovalLink(SendGridCaptureServer sendGrid, string approver) =>
        new(ApprovalLink().Match(sendGrid.Accepted.Last(m => string.Equals(m.To, approver, StringComparison.OrdinalIgnoreCase) && m.Subject.StartsWith("Does ", StringComparison.Ordinal)).PlainText).Value);

    [GeneratedRegex(@"http://localhost/signup/approve\?token=[A-Za-z0-9_.%-]+")]
    private static partial Regex ApprovalLink();
}
