namespace LocalGovStandard.Access;

/// <summary>
/// Where a contact goes once signed in: the page that sent them to sign in. The emailed link carries it (inside the
/// signed token), so it works when the link is opened on another device. Only a path to the contact's own pages is
/// kept, so a crafted link cannot send anyone to another site, or round the sign-in pages again.
/// </summary>
public static class ContactReturnPaths
{
    public const string Home = "/assessments";

    public const string Parameter = "returnUrl";

    private const int MaxLength = 512;

    private static readonly string[] OwnPages = [Home, "/peer-groups"];

    private static readonly string[] SignInPages = ["/assessments/start", "/assessments/access", "/assessments/sign-out"];

    /// <summary>The path if it is one of the contact's own pages; otherwise null.</summary>
    public static string? Safe(string? candidate)
    {
        if (candidate is not { Length: > 1 and <= MaxLength } url
            || url[0] != '/' || url[1] is '/' or '\\'
            || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\'))
        {
            return null;
        }

        var path = new PathString(url.Split('?', '#')[0]);
        return OwnPages.Any(own => path.StartsWithSegments(own, StringComparison.Ordinal))
               && !SignInPages.Any(signIn => path.StartsWithSegments(signIn, StringComparison.Ordinal))
            ? url
            : null;
    }
}
