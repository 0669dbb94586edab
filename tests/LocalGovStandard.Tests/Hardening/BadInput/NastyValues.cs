using System.Text.Json.Nodes;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// Values that must be refused, by the kind of field they are aimed at. Each is (label, raw JSON
/// value) so a case can send what no serializer would write (a lone surrogate escape), and the
/// form cases send the decoded text.
/// </summary>
public static class NastyValues
{
    public const string LoneSurrogate = "\"Ada \\ud800 Lovelace\"";

    /// <summary>Refused by any required single-line text field (names, titles, badge names).</summary>
    public static IEnumerable<(string Label, string Json)> RequiredText(int maxLength) =>
    [
        ("empty", "\"\""),
        ("spaces only", "\"   \""),
        ("null", "null"),
        ("one over the limit", Quote(new string('a', maxLength + 1))),
        ("100,000 characters", Quote(new string('x', 100_000))),
        ("zero-width spaces only", Quote("\u200B\u200B\u200D")),
        ("combining marks only", Quote("\u0301\u0308\u0327")),
        ("right-to-left override", Quote("Ada \u202Eecalevol")),
        ("lone high surrogate", LoneSurrogate),
        ("CR/LF header injection", Quote("Ada\r\nBcc: victim@example.com")),
        ("NUL character", Quote("Ada\u0000Lovelace")),
        ("number", "42"),
        ("array", "[\"Ada\"]"),
        ("object", "{\"first\":\"Ada\"}"),
    ];

    /// <summary>Refused by a field that takes one of a fixed set of codes (council code, adoption route, phase, rating).</summary>
    public static IEnumerable<(string Label, string Json)> Code() =>
    [
        ("empty", "\"\""),
        ("HTML and script", Quote("<script>alert(1)</script>")),
        ("OData filter metacharacters", Quote("E09000033' or PartitionKey ne '")),
        ("formula prefix", Quote("=HYPERLINK(\"http://evil.example\",\"x\")")),
        ("emoji", Quote("\U0001F600")),
        ("zero-width joiner inside", Quote("E0900\u200D0033")),
        ("number", "9000033"),
        ("boolean", "true"),
    ];

    /// <summary>Refused by an email address field.</summary>
    public static IEnumerable<(string Label, string Json)> Email() =>
    [
        ("empty", "\"\""),
        ("no at sign", Quote("ada.westminster.gov.uk")),
        ("two at signs", Quote("ada@@westminster.gov.uk")),
        ("domain not public sector", Quote("ada@evil.example.com")),
        ("CR/LF header injection", Quote("ada@westminster.gov.uk\r\nBcc: victim@example.com")),
        ("HTML and script", Quote("<script>alert(1)</script>@westminster.gov.uk")),
        ("right-to-left override", Quote("ada@\u202Ekuvog.retsnimtsew")),
        ("overlong", Quote(new string('a', 250) + "@westminster.gov.uk")),
        ("lone surrogate", "\"ada\\ud800@westminster.gov.uk\""),
        ("number", "7"),
    ];

    public static string Quote(string text) => JsonValue.Create(text).ToJsonString();

    /// <summary>The text a form would carry for a JSON string value; null when the value is not a string.</summary>
    public static string? AsFormText(string json) =>
        json.StartsWith('"') && json != LoneSurrogate && !json.Contains("\\ud800", StringComparison.Ordinal)
            ? JsonNode.Parse(json)!.GetValue<string>()
            : null;
}
