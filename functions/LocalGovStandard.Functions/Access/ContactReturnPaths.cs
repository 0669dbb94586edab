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

    /// <summary>Short enough that the emailed link's signed token stays within what it may carry, whatever the path.</summary>
    private const int MaxLength = 200;

    private static readonly string[] OwnPages = [Home, "/peer-groups"];

    private static readonly string[] SignInPages = ["/assessments/start", "/assessments/access", "/assessments/sign-out"];

    /// <summary>
    /// The path if it is one of the contact's own pages; otherwise null. The service's own paths and queries need only
    /// ASCII letters, digits and <c>-_/?=&amp;</c>: refusing every other character refuses all that a browser would rewrite
    /// (dot segments, percent-escapes, backslashes, whitespace), and all that cannot go in a Location header as it is.
    /// Routing ignores case, so the comparisons do too.
    /// </summary>
    public static string? Safe(string? candidate)
    {
        if (candidate is not { Length: > 1 and <= MaxLength } url || url[0] != '/' || url[1] == '/' || !url.All(IsPlain))
        {
            return null;
        }

        var path = new PathString(url.Split('?')[0]);
        return OwnPages.Any(own => path.StartsWithSegments(own, StringComparison.OrdinalIgnoreCase))
               && !SignInPages.Any(signIn => path.StartsWithSegments(signIn, StringComparison.OrdinalIgnoreCase))
            ? url
            : null;
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '?' or '=' or '&';
}
