using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Assessments.Pages;

/// <summary>
/// The details questions. A new assessment's answers are kept (see <see cref="NewAssessmentAnswers"/>)
/// until the last question, which creates the draft; a draft's questions each save the draft.
/// </summary>
public static class DetailsPages
{
    private const string DateLabel = "Date of the assessment";

    public static void MapDetailsPages(this RouteGroupBuilder assessments)
    {
        assessments.MapGet("/new", StartNew).AsPublicFunction("NewAssessmentPage");
        assessments.MapGet("/new/{step}", ShowNewAsync).AsPublicFunction("NewAssessmentQuestionPage");
        assessments.MapPost("/new/{step}", SaveNewAsync).AsPublicFunction("NewAssessmentQuestionSubmit");
        assessments.MapGet("/{reference}/details", ShowDetailsAsync).AsPublicFunction("AssessmentDetailsPage");
        assessments.MapGet("/{reference}/details/{step}", ShowQuestionAsync).AsPublicFunction("AssessmentDetailsQuestionPage");
        assessments.MapPost("/{reference}/details/{step}", SaveQuestionAsync).AsPublicFunction("AssessmentDetailsQuestionSubmit");
    }

    public static string QuestionHref(string reference, DetailsStep step, string? returnTo = null) =>
        $"/assessments/{reference}/details/{step.Slug()}{(returnTo is null ? "" : "?return=" + returnTo)}";

    /// <summary>Starting again forgets any answers to a new assessment that was not finished.</summary>
    private static RedirectHttpResult StartNew(HttpContext context)
    {
        NewAssessmentAnswers.Clear(context);
        return TypedResults.Redirect(NewHref(DetailsStep.Service));
    }

    private static async Task<IResult> ShowNewAsync(string step, HttpContext context, CouncilDirectory councils, StandardCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (DetailsSteps.Parse(step) is not { } question)
        {
            return PageResults.NotFound();
        }

        var answers = NewAssessmentAnswers.Read(context);
        return await NewQuestionAsync(question, answers, DateParts.FromIso(answers.AssessmentDate), new FormErrors(), councils, catalogue, cancellationToken);
    }

    private static async Task<IResult> SaveNewAsync(
        string step, HttpContext context, AssessmentDetailsValidator validator, AssessmentService assessments,
        CouncilDirectory councils, StandardCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (DetailsSteps.Parse(step) is not { } question)
        {
            return PageResults.NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var answers = NewAssessmentAnswers.Read(context);
        var date = question == DetailsStep.Date ? DateParts.FromForm(form, "assessmentDate") : DateParts.FromIso(answers.AssessmentDate);
        answers = DetailsSteps.Merge(answers, question, form, date);
        var (details, errors) = await ValidateAsync(validator, answers, date, cancellationToken);
        var failing = FailingStep(question, errors);
        if (failing == question)
        {
            return await NewQuestionAsync(question, answers, date, DetailsSteps.ErrorsFor(question, errors, date, answers.Panel?.Count ?? 0), councils, catalogue, cancellationToken, invalid: true);
        }

        NewAssessmentAnswers.Write(context, answers);
        if (question.Next(answers.Type) is { } next)
        {
            return TypedResults.Redirect(NewHref(next));
        }

        if (details is null)
        {
            return await NewQuestionAsync(failing!.Value, answers, date, DetailsSteps.ErrorsFor(failing.Value, errors, date, answers.Panel?.Count ?? 0), councils, catalogue, cancellationToken, invalid: true);
        }

        var scope = context.User.Scope();
        var council = await councils.FindByCodeAsync(scope.GssCode, cancellationToken);
        var created = await assessments.CreateAsync(scope, council?.OfficialName ?? scope.GssCode, details, cancellationToken);
        NewAssessmentAnswers.Clear(context);
        return TypedResults.Redirect(AssessmentPages.ViewHref(created.Reference));
    }

    private static Task<IResult> ShowDetailsAsync(string reference, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, CancellationToken cancellationToken) =>
        AssessmentPages.DraftPageAsync(
            reference,
            context,
            assessments,
            entity => new ComponentParameters<DetailsPage>()
                .Set(p => p.Assessment, AssessmentView.From(entity, catalogue))
                .Set(p => p.Standard, catalogue.Find(entity.StandardId)!)
                .Result(),
            cancellationToken);

    private static async Task<IResult> ShowQuestionAsync(
        string reference, string step, string? type, string? @return, HttpContext context, AssessmentService assessments,
        CouncilDirectory councils, StandardCatalogue catalogue, CancellationToken cancellationToken)
    {
        var entity = await assessments.FindAsync(context.User.Scope(), reference, cancellationToken);
        if (entity is null || DetailsSteps.Parse(step) is not { } question)
        {
            return PageResults.NotFound();
        }

        if (entity.Status != AssessmentEntity.Draft)
        {
            return TypedResults.Redirect(AssessmentPages.ViewHref(reference));
        }

        var values = DetailsSteps.FromEntity(entity);
        if (question == DetailsStep.Panel && type == "peer")
        {
            values = values with { Type = "peer" };
        }

        return await DraftQuestionAsync(entity, question, values, DateParts.FromIso(values.AssessmentDate), new FormErrors(), entity.ETag.ToString(), ReturnTo(@return), councils, catalogue, cancellationToken);
    }

    private static async Task<IResult> SaveQuestionAsync(
        string reference, string step, HttpContext context, AssessmentDetailsValidator validator, AssessmentService assessments,
        CouncilDirectory councils, StandardCatalogue catalogue, CancellationToken cancellationToken)
    {
        var scope = context.User.Scope();
        var entity = await assessments.FindAsync(scope, reference, cancellationToken);
        if (entity is null || DetailsSteps.Parse(step) is not { } question)
        {
            return PageResults.NotFound();
        }

        if (entity.Status != AssessmentEntity.Draft)
        {
            return PageResults.NotDraft(reference);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var etag = form["etag"].ToString();
        var returnTo = ReturnTo(form["return"]);
        var date = question == DetailsStep.Date ? DateParts.FromForm(form, "assessmentDate") : DateParts.FromIso(entity.AssessmentDate);
        var values = DetailsSteps.Merge(DetailsSteps.FromEntity(entity), question, form, date);
        var (details, errors) = await ValidateAsync(validator, values, date, cancellationToken);
        if (details is null)
        {
            var failing = FailingStep(question, errors)!.Value;
            if (question == DetailsStep.Type && failing == DetailsStep.Panel && (values.Panel?.Count ?? 0) == 0)
            {
                // A self assessment becoming a peer one needs its panel before it can be saved.
                return TypedResults.Redirect($"{QuestionHref(reference, DetailsStep.Panel, returnTo)}{(returnTo is null ? "?" : "&")}type=peer");
            }

            return await DraftQuestionAsync(entity, failing, values, date, DetailsSteps.ErrorsFor(failing, errors, date, values.Panel?.Count ?? 0), etag, returnTo, councils, catalogue, cancellationToken, invalid: true);
        }

        var result = await assessments.UpdateDetailsAsync(scope, reference, details, new ETag(etag), cancellationToken);
        if (result.Failure == WriteFailure.Invalid)
        {
            return await DraftQuestionAsync(entity, question, values, date, DetailsSteps.ErrorsFor(question, result.Errors!, date, values.Panel?.Count ?? 0), etag, returnTo, councils, catalogue, cancellationToken, invalid: true);
        }

        return result.Assessment is null
            ? PageResults.For(result.Failure, reference, QuestionHref(reference, question, returnTo))
            : TypedResults.Redirect(returnTo == "check" ? AssessmentPages.CheckHref(reference) : AssessmentPages.DetailsHref(reference));
    }

    /// <summary>The validator's errors, with the date input's own (a missing part, or not a real date) in place of its one.</summary>
    private static async Task<(AssessmentDetails? Details, FieldErrors Errors)> ValidateAsync(
        AssessmentDetailsValidator validator, AssessmentDetailsRequest request, DateParts date, CancellationToken cancellationToken)
    {
        var (details, errors) = await validator.ValidateAsync(request, cancellationToken);
        if (date.Problem(DateLabel) is not { } problem)
        {
            return (details, errors);
        }

        var combined = new FieldErrors();
        combined.Add("assessmentDate", problem);
        foreach (var (field, messages) in errors.ToDictionary())
        {
            combined.Add(field, messages[0]);
        }

        return (null, combined);
    }

    /// <summary>The page to show errors on: this one when it has any, otherwise the first that has.</summary>
    private static DetailsStep? FailingStep(DetailsStep question, FieldErrors errors)
    {
        var steps = errors.ToDictionary().Keys.Select(DetailsSteps.StepOf).ToList();
        return steps.Contains(question) ? question : steps.Count == 0 ? null : steps.Min();
    }

    private static async Task<IResult> NewQuestionAsync(
        DetailsStep step, AssessmentDetailsRequest answers, DateParts date, FormErrors errors, CouncilDirectory councils, StandardCatalogue catalogue,
        CancellationToken cancellationToken, bool invalid = false) =>
        (await QuestionAsync(step, answers, date, errors, councils, catalogue, cancellationToken))
            .Set(p => p.Action, NewHref(step))
            .Set(p => p.BackHref, step.Previous(answers.Type) is { } previous ? NewHref(previous) : AssessmentPages.ListHref)
            .Set(p => p.Caption, "New assessment")
            .Result(Status(invalid));

    private static async Task<IResult> DraftQuestionAsync(
        AssessmentEntity entity, DetailsStep step, AssessmentDetailsRequest values, DateParts date, FormErrors errors, string etag, string? returnTo,
        CouncilDirectory councils, StandardCatalogue catalogue, CancellationToken cancellationToken, bool invalid = false) =>
        (await QuestionAsync(step, values, date, errors, councils, catalogue, cancellationToken))
            .Set(p => p.Action, QuestionHref(entity.Reference, step))
            .Set(p => p.BackHref, returnTo == "check" ? AssessmentPages.CheckHref(entity.Reference) : AssessmentPages.DetailsHref(entity.Reference))
            .Set(p => p.Caption, entity.ServiceName)
            .Set(p => p.ETag, etag)
            .Set(p => p.Return, returnTo)
            .Result(Status(invalid));

    private static async Task<ComponentParameters<DetailsQuestionPage>> QuestionAsync(
        DetailsStep step, AssessmentDetailsRequest values, DateParts date, FormErrors errors, CouncilDirectory councils, StandardCatalogue catalogue,
        CancellationToken cancellationToken) =>
        new ComponentParameters<DetailsQuestionPage>()
            .Set(p => p.Step, step)
            .Set(p => p.Values, values)
            .Set(p => p.Date, date)
            .Set(p => p.Errors, errors)
            .Set(p => p.Councils, await CouncilChoicesAsync(councils, cancellationToken))
            .Set(p => p.Standards, AssessmentText.Standards(catalogue));

    private static int Status(bool invalid) => invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    private static async Task<IReadOnlyList<Choice>> CouncilChoicesAsync(CouncilDirectory councils, CancellationToken cancellationToken) =>
        (await councils.AllAsync(cancellationToken)).Where(c => c.CanSignUp).Select(c => new Choice(c.Code, c.OfficialName)).ToList();

    private static string NewHref(DetailsStep step) => $"/assessments/new/{step.Slug()}";

    private static string? ReturnTo(string? value) => value == "check" ? "check" : null;
}
