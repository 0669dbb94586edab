using System.Text.Json.Nodes;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>Generates the cases every JSON route gets: each field's nasty values, missing and extra fields, and broken bodies.</summary>
public sealed class JsonRouteCases(
    string route, HttpMethod method, Func<BadInputFixture, string> path, JsonObject valid,
    Func<BadInputFixture, HttpClient>? client = null, Func<BadInputFixture, string?>? ifMatch = null)
{
    private readonly List<BadInputCase> _cases = [];

    public JsonRouteCases Field(string field, IEnumerable<(string Label, string Json)> values)
    {
        foreach (var (label, json) in values)
        {
            Add($"{field}: {label}", Requests.JsonWith(valid, field, json), new Expectation.Field(field));
        }

        return this;
    }

    public JsonRouteCases Missing(params string[] fields)
    {
        foreach (var field in fields)
        {
            Add($"{field}: missing", Requests.JsonWith(valid, field, null), new Expectation.Field(field));
        }

        return this;
    }

    public JsonRouteCases Case(string name, string json, Expectation expect)
    {
        Add(name, json, expect);
        return this;
    }

    /// <summary>Broken bodies: not JSON, not an object, the wrong content type, an unknown field, and a body over the size limit.</summary>
    public JsonRouteCases BrokenBodies(string largestField)
    {
        var field = new Expectation.Field("body");
        Add("body: truncated JSON", valid.ToJsonString()[..^5], field);
        Add("body: single quotes", "{'serviceName': 'x'}", field);
        Add("body: trailing comma", valid.ToJsonString()[..^1] + ",}", field);
        Add("body: JSON array", "[]", field);
        Add("body: JSON null", "null", field);
        Add("body: bare string", "\"hello\"", field);
        Add("body: nested 200 deep", new string('[', 200) + new string(']', 200), field);
        Add("body: empty", "", field);
        Add("body: unknown field", Requests.JsonWith(valid, "isAdmin", "true"), new Expectation.Field("isAdmin"));
        Add("body: over 1 MB", Requests.JsonWith(valid, largestField, NastyValues.Quote(new string('x', 1_200_000))),
            new Expectation.AnyOf(new Expectation.Problem(413, "too large"), new Expectation.Field(largestField)));
        foreach (var mediaType in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml" })
        {
            _cases.Add(new BadInputCase(route, $"content type {mediaType}",
                Requests.Content(method, path, () => Requests.Text(valid.ToJsonString(), mediaType), client, ifMatch),
                new Expectation.Problem(415, "Content-Type")));
        }

        _cases.Add(new BadInputCase(route, "content type malformed multipart",
            Requests.Content(method, path, Requests.MalformedMultipart, client, ifMatch), new Expectation.Problem(415, "Content-Type")));
        return this;
    }

    public IEnumerable<BadInputCase> All => _cases;

    private void Add(string name, string json, Expectation expect) =>
        _cases.Add(new BadInputCase(route, name, Requests.Json(method, path, json, client, ifMatch), expect));
}
