using System.Text;
using System.Text.RegularExpressions;

namespace LocalGovStandard.DevOutbox;

public sealed record OutboxMessage(string FileName, string To, string Subject, string Date, string TextBody);

/// <summary>Reads back the .eml files the local outbox writes (its own format: base64 parts).</summary>
public static partial class OutboxReader
{
    public static IReadOnlyList<OutboxMessage> List(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").OrderDescending(StringComparer.Ordinal).Select(Read).ToList()
            : [];

    public static OutboxMessage Read(string path)
    {
        var raw = File.ReadAllText(path);
        var headers = raw[..Math.Max(0, raw.IndexOf("\r\n\r\n", StringComparison.Ordinal))];
        string Header(string name) => Regex.Match(headers, $"^{name}: (.*)$", RegexOptions.Multiline).Groups[1].Value.TrimEnd('\r');

        var text = TextPart().Match(raw);
        var body = text.Success ? Encoding.UTF8.GetString(Convert.FromBase64String(text.Groups[1].Value)) : "";
        return new OutboxMessage(Path.GetFileName(path), Decode(Header("To")), Decode(Header("Subject")), Header("Date"), body);
    }

    private static string Decode(string header) =>
        EncodedWord().Replace(header, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));

    [GeneratedRegex(@"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--")]
    private static partial Regex TextPart();

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]+)\?=")]
    private static partial Regex EncodedWord();
}
