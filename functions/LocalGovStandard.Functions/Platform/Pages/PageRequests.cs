namespace LocalGovStandard.Platform.Pages;

public static class PageRequests
{
    /// <summary>Pages live outside <c>/api</c>; a browser asking for HTML gets an HTML error page.</summary>
    public static bool WantsHtml(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api")
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
