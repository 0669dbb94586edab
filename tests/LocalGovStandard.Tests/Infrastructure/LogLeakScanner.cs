using System.Text.RegularExpressions;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>Finds email addresses, link tokens, bearer tokens and known secrets in log lines.</summary>
public static partial class LogLeakScanner
{
    public static IReadOnlyList<string> Findings(IEnumerable<string> lines, IEnumerable<string> secrets)
    {
        var secretList = secrets.ToList();
        var findings = new List<string>();
        foreach (var line in lines)
        {
            var problem = EmailAddress().Match(line) is { Success: true } email ? $"email address '{email.Value}'"
                : TokenParameter().Match(line) is { Success: true } token ? $"token parameter '{token.Value}'"
                : BearerToken().Match(line) is { Success: true } bearer ? $"bearer token '{bearer.Value}'"
                : secretList.FirstOrDefault(secret => line.Contains(secret, StringComparison.Ordinal)) is { } secret ? $"secret '{secret}'"
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

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9_.-]{16,}", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();
}
