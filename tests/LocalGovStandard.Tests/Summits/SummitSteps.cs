using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Summits;

/// <summary>One recipient of a captured SendGrid batch request: one personalization.</summary>
public sealed record CapturedRecipient(string Email, string MessageId, IReadOnlyDictionary<string, string> Substitutions, IReadOnlyDictionary<string, string> Headers, CapturedRequest Request)
{
    public string RsvpLink => Substitutions["-rsvp_link-"];
    public string UnsubscribeLink => Substitutions["-unsubscribe_link-"];

    /// <summary>The plain text this person gets: the request's template with their substitutions applied.</summary>
    public string Text => Substitutions.OrderByDescending(s => s.Key.Length).Aggregate(Request.PlainText, (text, s) => text.Replace(s.Key, s.Value, StringComparison.Ordinal));
}

public static partial class SummitSteps
{
    /// <summary>
    /// Writes verified, consenting contacts straight to the Signups table with entity group
    /// transactions (100 rows per transaction, one region partition), rather than through the
    /// sign-up API: thousands of sign-ups and verifications would take minutes and test nothing new.
    /// </summary>
    public static async Task<List<string>> SeedContactsAsync(
        ServiceFixture fixture, TestCouncil council, string prefix, int count, DateTimeOffset verifiedAt,
        bool consent = true, string status = ContactEntity.Verified, string? domain = null)
    {
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Signups);
        var region = LocalGovStandard.Register.Regions.FromName(council.Region)!.Slug;
        domain ??= council.NiceName.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal) + ".gov.uk";
        var emails = Enumerable.Range(1, count).Select(i => $"{prefix}.{i:D4}@{domain}").ToList();
        foreach (var chunk in emails.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(email =>
            {
                var key = SignupService.ContactKey(email);
                return new TableTransactionAction(TableTransactionActionType.Add, new ContactEntity
                {
                    PartitionKey = region, RowKey = SignupKeys.ContactRowKey(council.GssCode, key), ContactKey = key,
                    Reference = "LGS-TEST-" + key[..4].ToUpperInvariant(), GssCode = council.GssCode, CouncilName = council.OfficialName,
                    ContactName = "Contact " + email.Split('@')[0], ContactEmail = email, JobTitle = "Digital lead", AdoptionRoute = "digital-strategy",
                    ConsentToContact = consent, ConsentToContactAt = consent ? verifiedAt : null, Status = status, CreatedAt = verifiedAt.AddHours(-1),
                    VerifiedAt = status == ContactEntity.Verified ? verifiedAt : null, VerificationEmail = "sent",
                });
            }));
        }

        return emails;
    }

    public static async Task<JsonNode> CreateSummitAsync(HttpClient admin, TimeProvider clock, int capacity, string name = "Standard Summit, Birmingham; spring",
        TimeSpan? rsvpIn = null)
    {
        var now = clock.GetUtcNow();
        var startsAt = new DateTimeOffset(now.UtcDateTime.Date.AddDays(30).AddHours(9).AddMinutes(30), TimeSpan.Zero);
        var response = await admin.PostAsJsonAsync("/api/admin/summits", new
        {
            name,
            startsAt,
            endsAt = startsAt.AddHours(7),
            venue = "The Exchange",
            address = "3 Centenary Square\nBirmingham B1 2DR",
            capacity,
            rsvpBy = now + (rsvpIn ?? TimeSpan.FromDays(14)),
            description = "A day for early adopters of the Standard: peer assessment practice, lunch, and the roadmap. Café provided, naïvely long text to force folding.",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static async Task<JsonNode> SendAsync(HttpClient admin, string summitId, object? criteria, CancellationToken cancellationToken = default)
    {
        using var response = criteria is null
            ? await admin.PostAsync($"/api/admin/summits/{summitId}/invitations/send", null, cancellationToken)
            : await admin.PostAsJsonAsync($"/api/admin/summits/{summitId}/invitations/send", criteria, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    public static async Task<JsonNode> InvitationsAsync(HttpClient admin, string summitId) =>
        JsonNode.Parse(await admin.GetStringAsync($"/api/admin/summits/{summitId}/invitations"))!;

    public static IEnumerable<CapturedRecipient> Recipients(IEnumerable<CapturedRequest> requests) =>
        requests.SelectMany(request => request.Body["personalizations"]!.AsArray().Select(p => new CapturedRecipient(
            p!["to"]![0]!["email"]!.GetValue<string>(),
            p["custom_args"]!["message_id"]!.GetValue<string>(),
            (p["substitutions"]?.AsObject() ?? []).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()),
            (p["headers"]?.AsObject() ?? []).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()),
            request)));

    /// <summary>The signed payload inside an RSVP link (the test reads it; only the server can make one).</summary>
    public static JsonNode RsvpPayload(string link)
    {
        var token = QueryHelpers.ParseQuery(new Uri(link).Query)["token"].ToString();
        return JsonNode.Parse(WebEncoders.Base64UrlDecode(token.Split('.')[0]))!;
    }

    public static string PathAndQuery(string link) => new Uri(link).PathAndQuery;

    /// <summary>GETs the RSVP page (keeping the client's antiforgery cookie) and returns the form's hidden fields.</summary>
    public static async Task<(string Html, Dictionary<string, string> Fields)> OpenRsvpAsync(HttpClient client, string link)
    {
        var html = await client.GetStringAsync(PathAndQuery(link));
        var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value));
        return (html, fields);
    }

    public static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, Dictionary<string, string> hidden, string attending, string badgeName = "Badge Name", string dietary = "", string access = "")
    {
        var form = new Dictionary<string, string>(hidden) { ["attending"] = attending, ["badgeName"] = badgeName, ["dietaryNeeds"] = dietary, ["accessNeeds"] = access };
        return await client.PostAsync("/events/rsvp", new FormUrlEncodedContent(form));
    }

    public static string Criteria(string date, string? peerGroup = null) =>
        $"verifiedOnOrBefore={date}" + (peerGroup is null ? "" : $"&peerGroups={peerGroup}");

    public static byte[] Attachment(CapturedRequest request, string fileName)
    {
        var attachment = request.Body["attachments"]!.AsArray().First(a => a!["filename"]!.GetValue<string>() == fileName)!;
        return Convert.FromBase64String(attachment["content"]!.GetValue<string>());
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public static JsonSerializerOptions Json => JsonSerializerOptions.Web;

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
