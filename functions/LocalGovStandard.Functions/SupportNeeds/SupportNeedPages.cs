using LocalGovStandard.Access;
using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Register;
using LocalGovStandard.SupportNeeds.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.SupportNeeds;

/// <summary>
/// A contact answers for their own council (the council comes from the session, never the URL); a lead sees their group's
/// heat map (any other group is not found); an organiser sees every group's, in the console.
/// </summary>
public static class SupportNeedPages
{
    public const string AnswerHref = "/assessments/support-needs";

    public static string GroupHref(string slug) => $"/assessments/peer-groups/{slug}/support-needs";

    public static void MapSupportNeedPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/assessments").RequireAuthorization(ContactSession.Policy).RequireValidForms(PageResults.ExpiredDetail);
        pages.MapGet("/support-needs", ShowAsync).AsPublicFunction("SupportNeedsPage");
        pages.MapPost("/support-needs", SaveAsync).AsPublicFunction("SupportNeedsSubmit");
        pages.MapGet("/peer-groups/{slug}/support-needs", ShowGroupAsync).AsPublicFunction("PeerGroupSupportNeedsPage");
    }

    public static void MapConsoleSupportNeeds(this RouteGroupBuilder console) =>
        console.MapGet("/support-needs", async (PeerGroupStore groups, SupportNeedQueries queries, CancellationToken cancellationToken) =>
                new ComponentParameters<ConsoleNeedsPage>()
                    .Set(p => p.Groups, await queries.ForGroupsAsync(await groups.AllAsync(cancellationToken), cancellationToken))
                    .Set(p => p.Standard, queries.Standard)
                    .Result())
            .AsPublicFunction("ConsoleSupportNeeds");

    private static async Task<IResult> ShowAsync(
        int? saved, HttpContext context, SupportNeedService service, SupportNeedValidator validator, CouncilDirectory councils, PeerGroupLeadership leadership,
        CancellationToken cancellationToken)
    {
        var scope = context.User.Scope();
        var current = await service.CurrentAsync(scope, cancellationToken);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var answer in current?.Points ?? [])
        {
            values[SupportNeedValidator.UnderstandingField(answer.Point)] = answer.Understanding;
            values[SupportNeedValidator.SupportField(answer.Point)] = answer.Support;
        }

        return await PageAsync(context, validator, councils, leadership, current, values, new FormErrors(), saved, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(
        HttpContext context, SupportNeedService service, SupportNeedValidator validator, CouncilDirectory councils, PeerGroupLeadership leadership,
        CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (answers, errors) = validator.ValidateForm(field => form[field].ToString());
        var scope = context.User.Scope();
        if (answers is null)
        {
            var order = validator.Standard.Points.SelectMany(p => new[] { SupportNeedValidator.UnderstandingField(p.Number), SupportNeedValidator.SupportField(p.Number) }).ToList();
            var posted = order.Where(f => !string.IsNullOrEmpty(form[f])).ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);
            var current = await service.CurrentAsync(scope, cancellationToken);
            return await PageAsync(context, validator, councils, leadership, current, posted, FormErrors.From(errors.ToDictionary(), order), null, StatusCodes.Status400BadRequest, cancellationToken);
        }

        var saved = await service.SaveAsync(scope, answers, cancellationToken);
        return TypedResults.Redirect($"{AnswerHref}?saved={saved.Version}");
    }

    private static async Task<IResult> PageAsync(
        HttpContext context, SupportNeedValidator validator, CouncilDirectory councils, PeerGroupLeadership leadership, CurrentSupportNeeds? current,
        IReadOnlyDictionary<string, string> values, FormErrors errors, int? saved, int status, CancellationToken cancellationToken)
    {
        var scope = context.User.Scope();
        var council = await councils.FindByCodeAsync(scope.GssCode, cancellationToken);
        var led = await leadership.GroupsLedByAsync(context.User, cancellationToken);
        return new ComponentParameters<SupportNeedsPage>()
            .Set(p => p.CouncilName, council?.OfficialName ?? scope.GssCode)
            .Set(p => p.Standard, validator.Standard)
            .Set(p => p.Current, current)
            .Set(p => p.Values, values)
            .Set(p => p.Errors, errors)
            .Set(p => p.Saved, saved)
            .Set(p => p.LedGroups, led.Select(g => (g.Slug, g.Name)).ToList())
            .Result(status);
    }

    private static async Task<IResult> ShowGroupAsync(
        string slug, HttpContext context, PeerGroupLeadership leadership, SupportNeedQueries queries, CancellationToken cancellationToken)
    {
        var group = await leadership.LedGroupAsync(context.User, slug, cancellationToken);
        if (group is null)
        {
            return PageResults.NotFound();
        }

        return new ComponentParameters<GroupNeedsPage>()
            .Set(p => p.Needs, await queries.ForGroupAsync(group, cancellationToken))
            .Set(p => p.Standard, queries.Standard)
            .Result();
    }
}
