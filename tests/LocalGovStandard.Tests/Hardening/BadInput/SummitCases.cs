using LocalGovStandard.Events;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace LocalGovStandard.Tests.Hardening.BadInput;

public static class SummitCases
{
    private const string FormExpired = "Your form has expired";
    private const string NotValid = "This link is not valid";

    private static readonly (string, string)[] OverlongNeeds =
    [
        ("301 characters", NastyValues.Quote(new string('n', 301))),
        ("CR/LF", NastyValues.Quote("Vegan\r\nBcc: victim@example.com")),
        ("NUL character", NastyValues.Quote("Vegan\u0000")),
        ("right-to-left override", NastyValues.Quote("Vegan \u202Eeerf-netulg")),
    ];

    /// <summary>
    /// The RSVP form as a browser posts it to <paramref name="action"/>: its own address, or the summit address from before
    /// events (a page opened before the move posts there, and it answers in place), by a client that sends the form there.
    /// </summary>
    public static IEnumerable<BadInputCase> Rsvp(string action)
    {
        static void Attending(List<KeyValuePair<string, string>> fields) => fields.Set("attending", "yes");
        PageSession Session(BadInputFixture fixture) => action == EventPages.RsvpPath
            ? PageSession.Anonymous(fixture)
            : new(fixture.App.CreateDefaultClient(new Uri("https://localhost"), new PostTo(EventPages.RsvpPath, action), new CookieContainerHandler()));

        return new FormRouteCases("POST " + action, Session, f => f.RsvpPath)
            .Field("attending", [("empty", "\"\""), ("maybe", "\"maybe\""), ("HTML and script", NastyValues.Quote("<script>alert(1)</script>")), ("formula prefix", NastyValues.Quote("=1+1"))])
            .Missing("attending")
            .Field("badgeName", NastyValues.RequiredText(60), Attending)
            .Field("dietaryNeeds", OverlongNeeds, Attending)
            .Field("accessNeeds", OverlongNeeds, Attending)
            .Change("token: tampered", fields =>
            {
                Attending(fields);
                fields.Set("token", fields.First(f => f.Key == "token").Value[..^4] + "AAAA");
            }, new Expectation.Page(NotValid))
            .Change("token: missing", fields =>
            {
                Attending(fields);
                fields.Remove("token");
            }, new Expectation.Page(NotValid))
            .Change("token: OData filter metacharacters", fields =>
            {
                Attending(fields);
                fields.Set("token", "x' or RowKey ne '");
            }, new Expectation.Page(NotValid))
            .BrokenPosts(FormExpired, "badgeName", Attending)
            .All;
    }

    public static IEnumerable<BadInputCase> Unsubscribe(string path)
    {
        var route = "POST " + path;
        var expect = new Expectation.Page(NotValid);
        BadInputCase Query(string name, Func<BadInputFixture, string> token) =>
            new(route, name, Requests.Content(HttpMethod.Post, f => path + "?token=" + Uri.EscapeDataString(token(f)), () => null), expect);
        BadInputCase Form(string name, Func<HttpContent> content) =>
            new(route, name, Requests.Content(HttpMethod.Post, _ => path, content), expect);

        return
        [
            Query("token: tampered", f => f.UnsubscribeToken[..^4] + "AAAA"),
            Query("token: HTML and script", _ => "<script>alert(1)</script>"),
            Query("token: OData filter metacharacters", _ => "x' or PartitionKey ne '"),
            Query("token: 100,000 characters", _ => new string('A', 100_000)),
            Query("token: lone surrogate bytes", _ => "\uFFFD\uFFFD"),
            Form("token: missing", () => new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")])),
            Form("content type JSON", () => Requests.Text("{\"token\":\"x\"}", "application/json")),
            new(route, "malformed multipart", Requests.Content(HttpMethod.Post, _ => path, Requests.MalformedMultipart),
                new Expectation.Problem(400, FormRouteCases.Unreadable)),
        ];
    }

    /// <summary>Sends the form's posts to <paramref name="from"/> on to <paramref name="to"/> instead.</summary>
    private sealed class PostTo(string from, string to) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri is { } uri && uri.AbsolutePath == from)
            {
                request.RequestUri = new Uri(uri, to + uri.Query);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
