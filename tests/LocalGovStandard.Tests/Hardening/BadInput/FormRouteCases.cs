using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// Generates the cases every GOV.UK form gets: each field's nasty values as a browser would post
/// them, a missing or wrong antiforgery token, the wrong content type, malformed multipart and a
/// body over the limit.
/// </summary>
public sealed class FormRouteCases(string route, Func<BadInputFixture, PageSession> session, Func<BadInputFixture, string> page, Func<BadInputFixture, string?> action)
{
    /// <param name="action">The form's action when the page has several; null takes the main form.</param>
    public FormRouteCases(string route, Func<BadInputFixture, PageSession> session, Func<BadInputFixture, string> page, string? action = null)
        : this(route, session, page, _ => action)
    {
    }

    /// <summary>The heading of the page for a body the framework cannot read (broken multipart, a NUL in a value).</summary>
    public const string Unreadable = "could not be read";

    private readonly List<BadInputCase> _cases = [];

    /// <summary>The string values among <paramref name="values"/>, each posted in <paramref name="field"/>; the page must link its error summary to the field.</summary>
    public FormRouteCases Field(string field, IEnumerable<(string Label, string Json)> values, Action<List<KeyValuePair<string, string>>>? alongside = null, string? errorField = null)
    {
        foreach (var (label, json) in values)
        {
            if (NastyValues.AsFormText(json) is { } text)
            {
                Change($"{field}: {label}", fields =>
                {
                    alongside?.Invoke(fields);
                    fields.Set(field, text);
                }, text.Contains('\0', StringComparison.Ordinal)
                    ? new Expectation.AnyOf(new Expectation.Page("#" + (errorField ?? field)), new Expectation.Page(Unreadable))
                    : new Expectation.Page("#" + (errorField ?? field)));
            }
        }

        return this;
    }

    public FormRouteCases Missing(params string[] fields)
    {
        foreach (var field in fields)
        {
            Change($"{field}: missing", list => list.Remove(field), new Expectation.Page("#" + field));
        }

        return this;
    }

    public FormRouteCases Change(string name, Action<List<KeyValuePair<string, string>>> change, Expectation expect)
    {
        _cases.Add(new BadInputCase(route, name, Requests.Form(session, page, change, action), expect));
        return this;
    }

    /// <summary>What the page of an emailed link refuses in its hidden token field (the page itself says <paramref name="notValid"/>).</summary>
    public FormRouteCases Tokens(string notValid)
    {
        var expect = new Expectation.Page(notValid);
        Change("token: tampered", fields => fields.Set("token", fields.First(f => f.Key == "token").Value[..^4] + "AAAA"), expect);
        Change("token: missing", fields => fields.Remove("token"), expect);
        Change("token: OData filter metacharacters", fields => fields.Set("token", "x' or RowKey ne '"), expect);
        Change("token: 100,000 characters", fields => fields.Set("token", new string('A', 100_000)), expect);
        return this;
    }

    /// <summary>
    /// What every form refuses; <paramref name="refusal"/> is the heading the refusal shows. A form
    /// with a free-text field also gets a body over the limit in <paramref name="largestField"/>.
    /// </summary>
    public FormRouteCases BrokenPosts(string refusal, string? largestField, Action<List<KeyValuePair<string, string>>>? alongside = null)
    {
        var expect = new Expectation.Page(refusal);
        Change("antiforgery token missing", fields => fields.Remove(Requests.AntiforgeryField), expect);
        Change("antiforgery token wrong", fields => fields.Set(Requests.AntiforgeryField, "CfDJ8Forged" + new string('A', 80)), expect);
        _cases.Add(new BadInputCase(route, "content type JSON",
            Requests.FormAction(session, page, _ => Requests.Text("{\"a\":1}", "application/json"), action), expect));
        _cases.Add(new BadInputCase(route, "malformed multipart",
            Requests.FormAction(session, page, _ => Requests.MalformedMultipart(), action), new Expectation.AnyOf(expect, new Expectation.Page(Unreadable))));
        if (largestField is null)
        {
            return this;
        }

        _cases.Add(new BadInputCase(route, "body over 1 MB",
            Requests.FormAction(session, page, form => Requests.HugeForm(PageSession.FieldsOf(form), largestField, alongside), action),
            new Expectation.AnyOf(new Expectation.Page("too large"), new Expectation.Page("#" + largestField), expect)));
        return this;
    }

    public IEnumerable<BadInputCase> All => _cases;
}
