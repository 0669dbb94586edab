using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Platform.Pages;

/// <summary>
/// The one antiforgery check for the pages' form posts. It is explicit (rather than the framework's automatic one) so
/// a stale or missing token gets a GOV.UK "your form has expired" page that says what to do, not a bare 400, and the
/// handler only ever reads a form that passed.
/// </summary>
public static class PageForms
{
    public const string ExpiredHeading = "Your form has expired";
    public const string ExpiredDetail = "For your security, forms expire. Go back, reload the page and try again. Nothing was changed.";

    /// <summary>Checks this POST route's form; <paramref name="detail"/> replaces the expired page's advice where "go back" is not the way.</summary>
    public static RouteHandlerBuilder RequireValidForm(this RouteHandlerBuilder builder, string? detail = null) =>
        builder.DisableAntiforgery().AddEndpointFilter((invocation, next) => CheckAsync(invocation, next, detail ?? ExpiredDetail));

    /// <summary>The same check for every route in a group: its POSTs are checked, its GETs pass.</summary>
    public static RouteGroupBuilder RequireValidForms(this RouteGroupBuilder group, string? detail = null) =>
        group.DisableAntiforgery().AddEndpointFilter((invocation, next) => CheckAsync(invocation, next, detail ?? ExpiredDetail));

    public static RazorComponentResult Expired(string? detail = null) =>
        new ComponentParameters<ErrorPage>()
            .Set(p => p.Heading, ExpiredHeading)
            .Set(p => p.Detail, detail ?? ExpiredDetail)
            .Result(StatusCodes.Status400BadRequest);

    private static async ValueTask<object?> CheckAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, string detail)
    {
        var context = invocation.HttpContext;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return await next(invocation);
        }

        return context.Request.HasFormContentType && await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context)
            ? await next(invocation)
            : Expired(detail);
    }
}
