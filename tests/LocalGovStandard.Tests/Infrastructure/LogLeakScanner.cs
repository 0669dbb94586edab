using System.Text.RegularExpressions;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>Finds email addresses, link tokens, bearer tokens and known secrets in log lines.</summary>
public static partial class LogLeakScanner
{
    public static IReadOnlyList<string> Findings(IEnumerable<string> lines, IEnumerable<string> secrets)
    {
        var known = secrets.ToHashSet(StringComparer.Ordinal);
        var findings = new List<string>();
        foreach (var line in lines)
        {
            var problem = EmailAddress().Match(line) is { Success: true } email ? $"email address '{email.Value}'"
                : TokenParameter().Match(line) is { Success: true } token ? $"token parameter '{token.Value}'"
                : BearerToken().Match(line) is { Success: true } bearer ? $"bearer token '{bearer.Value}'"
                : Words().Matches(line).FirstOrDefault(word => known.Contains(word.Value) || known.Contains(word.Value.Trim('.'))) is { } secret ? $"secret '{secret.Value}'"
                : null;
            if (problem is not null)
            {
                findings.Add($"{problem} in: {line}");
            }
        }

        return findings;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"(token|code|sig)=[A-Za-z0-9_.%-]{16,}", RegexOptions.IgnoreCase)]
    private static partial Regex TokenParameter();

    /// <summary>
    /// Runs of key and token characters: each known secret (keys, link tokens, bearer tokens) is one
    /// such run, so a set lookup per run finds them without searching every line for thousands of secrets.
    /// </summary>
    [GeneratedRegex(@"[A-Za-z0-9_.%-]{8,}")]
    private static partial Regex Words();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9_.-]{16,}", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();
}
