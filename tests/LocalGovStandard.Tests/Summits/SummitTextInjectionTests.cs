using System.Net.Http.Json;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Summits;

/// <summary>
/// An organiser types SendGrid tags (and HTML) into every summit field. Each recipient's mail, however
/// SendGrid substitutes (once, or again in what it substituted), shows that text as text: no one's
/// secret link lands in the subject or anywhere it was not put, and no markup is made.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SummitTextInjectionTests(SummitTextInjectionTests.Fixture fixture) : IClassFixture<SummitTextInjectionTests.Fixture>
{
    public sealed class Fixture : ServiceFixture
    {
        public static readonly DateTimeOffset Verified = new(2026, 1, 10, 11, 0, 0, TimeSpan.Zero);

        public List<string> Invitees { get; private set; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Invitees = await SummitSteps.SeedContactsAsync(this, TestRegister.Westminster, "injection", 2, Verified);
        }
    }

    private static readonly string[] TagNames = ["name", "council", "rsvp_link", "unsubscribe_link", "summit", "when", "rsvp_by", "where", "description"];

    private static readonly string[] Tags = [.. TagNames.SelectMany(n => new[] { $"-{n}-", $"-{n}_html-" })];

    /// <summary>The tags in pieces short enough for a summit's name and venue (120 characters).</summary>
    public static TheoryData<int> Pieces() => [.. Enumerable.Range(0, ShortPieces.Count)];

    private static readonly List<string> ShortPieces = Tags.Chunk(4).Select(chunk => string.Join(" ", chunk)).ToList();

    [Theory]
    [MemberData(nameof(Pieces))]
    public async Task EveryTagInEveryField_ReachesEachRecipientAsText(int piece)
    {
        var admin = fixture.CreateAdminClient();
        var tags = ShortPieces[piece];
        var startsAt = new DateTimeOffset(fixture.Clock.GetUtcNow().UtcDateTime.Date.AddDays(30).AddHours(9), TimeSpan.Zero);
        var created = await admin.PostAsJsonAsync("/api/admin/summits", new
        {
            name = "<b>" + tags,
            startsAt,
            endsAt = startsAt.AddHours(7),
            venue = tags + "</b>",
            address = string.Join("\n", Tags) + "\n<i>Hall</i>",
            capacity = 10,
            rsvpBy = fixture.Clock.GetUtcNow().AddDays(14),
            description = string.Join(" ", Tags) + "\n<script>alert(1)</script> -rsvp_link--rsvp_link-",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!["id"]!.GetValue<string>();
        var before = fixture.SendGrid.Accepted.Count;

        await SummitSteps.SendAsync(admin, id, new { verifiedOnOrBefore = "2026-01-31" });

        var recipients = SummitSteps.Recipients(fixture.SendGrid.Accepted.Skip(before)).ToList();
        Assert.Equal(fixture.Invitees.Order(StringComparer.Ordinal), recipients.Select(r => r.Email).Order(StringComparer.Ordinal));
        foreach (var recipient in recipients)
        {
            // No value holds a tag, so no substitution order can reach into one.
            Assert.All(recipient.Substitutions.Values, value => Assert.DoesNotContain(recipient.Substitutions.Keys, value.Contains));

            foreach (var substitute in new Func<string, string>[] { text => Once(text, recipient), text => Repeatedly(text, recipient) })
            {
                var subject = substitute(recipient.Request.Subject);
                var text = substitute(recipient.Request.PlainText);
                var html = substitute(recipient.Request.Html);

                Assert.DoesNotContain("token=", subject, StringComparison.Ordinal);
                // What the organiser typed, as typed (the word joiners that keep it from being a tag are invisible).
                Assert.Contains("<b>" + tags, Visible(subject), StringComparison.Ordinal);
                Assert.Contains(string.Join(" ", Tags), Visible(text), StringComparison.Ordinal);
                Assert.Equal(1, Occurrences(text, recipient.RsvpLink));
                Assert.Equal(1, Occurrences(text, recipient.UnsubscribeLink));
                Assert.All(recipients.Where(other => other != recipient), other => Assert.DoesNotContain(other.RsvpLink, text + html, StringComparison.Ordinal));
                EmailAssert.WholeHtmlDocument(html, "Invitation: &lt;b&gt;-");
                Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
                Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
                Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
                Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
                Assert.Equal(1, Occurrences(html, "href=\"" + recipient.RsvpLink.Replace("&", "&amp;", StringComparison.Ordinal)));
            }
        }
    }

    /// <summary>One pass, as SendGrid documents it.</summary>
    private static string Once(string template, CapturedRecipient recipient) =>
        System.Text.RegularExpressions.Regex.Replace(template, string.Join('|', recipient.Substitutions.Keys.OrderByDescending(k => k.Length).Select(System.Text.RegularExpressions.Regex.Escape)),
            match => recipient.Substitutions[match.Value]);

    /// <summary>The worst case: substituting again in what was substituted, until nothing changes.</summary>
    private static string Repeatedly(string template, CapturedRecipient recipient)
    {
        for (var round = 0; round < 10; round++)
        {
            var next = Once(template, recipient);
            if (next == template)
            {
                return next;
            }

            template = next;
        }

        return template;
    }

    private static string Visible(string text) => text.Replace("\u2060", "", StringComparison.Ordinal);

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
