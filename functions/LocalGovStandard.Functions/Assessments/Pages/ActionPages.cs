using LocalGovStandard.Access;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Assessments.Pages;

/// <summary>Marking an action done, with a note of what was done.</summary>
public static class ActionPages
{
    public const int NoteMaxLength = 1000;

    public static void MapActionPages(this RouteGroupBuilder assessments)
    {
        assessments.MapGet("/actions/{reference}/{point:int}/done", ShowAsync).AsPublicFunction("ActionDonePage");
        assessments.MapPost("/actions/{reference}/{point:int}/done", SaveAsync).AsPublicFunction("ActionDoneSubmit");
    }

    public static string DoneHref(string reference, int point) => $"/assessments/actions/{reference}/{point}/done";

    private static async Task<IResult> ShowAsync(
        string reference, int point, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var action = await FindAsync(context, assessments, reference, point, cancellationToken);
        return action switch
        {
            null => PageResults.NotFound(),
            { Status: not ActionEntity.Open } => AlreadyDone(StatusCodes.Status200OK),
            _ => Page(action, catalogue, clock, null, new FormErrors()),
        };
    }

    private static async Task<IResult> SaveAsync(
        string reference, int point, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var action = await FindAsync(context, assessments, reference, point, cancellationToken);
        if (action is null)
        {
            return PageResults.NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var note = errors.OptionalMultilineText("note", form["note"], "Note", NoteMaxLength);
        if (note is null)
        {
            errors.Add("note", "Say what your council did to complete the action");
            var page = Page(action, catalogue, clock, form["note"], FormErrors.From(errors.ToDictionary(), ["note"]));
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        var (_, failure) = await assessments.MarkActionDoneAsync(context.User.Scope(), reference, point, note, cancellationToken);
        return failure switch
        {
            null => TypedResults.Redirect(AssessmentPages.ListHref + "?actionDone=true"),
            WriteFailure.NotDraft => AlreadyDone(StatusCodes.Status409Conflict),
            WriteFailure.Changed => PageResults.Changed(DoneHref(reference, point)),
            _ => PageResults.NotFound(),
        };
    }

    /// <summary>The council's actions are one partition query; this finds one of them, or null for any other council's.</summary>
    private static async Task<ActionEntity?> FindAsync(HttpContext context, AssessmentService assessments, string reference, int point, CancellationToken cancellationToken)
    {
        var (_, actions) = await assessments.ListAsync(context.User.Scope(), cancellationToken);
        return actions.FirstOrDefault(a => a.AssessmentReference == reference && a.PointNumber == point);
    }

    private static RazorComponentResult Page(ActionEntity action, StandardCatalogue catalogue, TimeProvider clock, string? note, FormErrors errors) =>
        new ComponentParameters<ActionDonePage>()
            .Set(p => p.Action, action)
            .Set(p => p.Standard, catalogue.Find(action.StandardId))
            .Set(p => p.Overdue, action.IsOverdue(clock.GetUtcNow()))
            .Set(p => p.Note, note)
            .Set(p => p.Errors, errors)
            .Result();

    private static RazorComponentResult AlreadyDone(int status) =>
        new ComponentParameters<AssessmentProblemPage>()
            .Set(p => p.Heading, "This action is already done or closed")
            .Set(p => p.Detail, "Someone has marked it as done, or a reassessment closed it. There is nothing more to do.")
            .Set(p => p.LinkText, "See your council's actions")
            .Set(p => p.LinkHref, AssessmentPages.ListHref)
            .Result(status);
}
