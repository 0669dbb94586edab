using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Assessments.Evidence;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Assessments.Pages;

/// <summary>A page per point (each save is a save of the draft), then check answers and submit.</summary>
public static class PointPages
{
    public static void MapPointPages(this RouteGroupBuilder assessments)
    {
        assessments.MapGet("/{reference}/points/{number:int}", ShowPointAsync).AsPublicFunction("AssessmentPointPage");
        assessments.MapPost("/{reference}/points/{number:int}", SavePointAsync)
            .AsPublicFunction("AssessmentPointSubmit")
            .WithMetadata(new RequestSizeLimitAttribute(EvidenceUploadReader.MaxRequestBytes));
        assessments.MapGet("/{reference}/check", ShowCheckAsync).AsPublicFunction("AssessmentCheckAnswersPage");
        assessments.MapPost("/{reference}/check", SubmitAsync).AsPublicFunction("AssessmentCheckAnswersSubmit");
    }

    public static string PointHref(string reference, int number, string? returnTo = null) =>
        $"/assessments/{reference}/points/{number}{(returnTo is null ? "" : "?return=" + returnTo)}";

    private static async Task<IResult> ShowPointAsync(
        string reference, int number, string? @return, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var entity = await assessments.FindAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, cancellationToken);
        if (entity is null || catalogue.Find(entity.StandardId)!.Point(number) is null)
        {
            return PageResults.NotFound();
        }

        if (entity.Status != AssessmentEntity.Draft)
        {
            return TypedResults.Redirect(AssessmentPages.ViewHref(reference));
        }

        var point = AssessmentView.From(entity, catalogue).Points[number - 1];
        return Page(entity, catalogue, point, entity.ETag.ToString(), ReturnTo(@return), point.Rating, point.Notes, new FormErrors());
    }

    /// <summary>
    /// The point form's buttons: "Save and continue" saves the rating and notes; "Upload file" and
    /// "Remove" change the evidence and show the page again with what was typed kept, unsaved.
    /// </summary>
    private static async Task<IResult> SavePointAsync(
        string reference, int number, HttpContext context, AssessmentService assessments, EvidenceService evidence,
        StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var form = await PointEvidenceForm.ReadAsync(context, cancellationToken);

        var scope = await scopes.ForAsync(context, reference, cancellationToken);
        var entity = await assessments.FindAsync(scope, reference, cancellationToken);
        if (entity is null || catalogue.Find(entity.StandardId)!.Point(number) is null)
        {
            return PageResults.NotFound();
        }

        var (etag, returnTo, rating, notes) = (form.ETag, ReturnTo(form.Return), form.Rating, form.Notes);
        if (form.Action != PointEvidenceForm.Save)
        {
            var change = await PointEvidenceForm.ApplyAsync(form, scope, reference, number, evidence, cancellationToken);
            if (change.Saved is not { } changed)
            {
                if (change.Errors is null)
                {
                    return PageResults.For(change.Failure, reference, PointHref(reference, number, returnTo));
                }

                var unchanged = Page(entity, catalogue, AssessmentView.From(entity, catalogue).Points[number - 1], etag, returnTo, rating, notes, change.Errors);
                unchanged.StatusCode = StatusCodes.Status400BadRequest;
                return unchanged;
            }

            var point = AssessmentView.From(changed, catalogue).Points[number - 1];
            return Page(changed, catalogue, point, changed.ETag.ToString(), returnTo, rating, notes, new FormErrors(), change.Message);
        }

        var result = await assessments.RatePointAsync(scope, reference, number, rating, notes, new ETag(etag), cancellationToken);
        if (result.Failure == WriteFailure.Invalid)
        {
            var errors = FormErrors.From(result.Errors!.ToDictionary(), ["rating", "notes"]);
            var point = AssessmentView.From(entity, catalogue).Points[number - 1];
            var page = Page(entity, catalogue, point, etag, returnTo, rating, notes, errors);
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        if (result.Assessment is not { } saved)
        {
            return PageResults.For(result.Failure, reference, PointHref(reference, number, returnTo));
        }

        return TypedResults.Redirect(returnTo == "check" ? AssessmentPages.CheckHref(reference) : NextHref(saved, catalogue, number));
    }

    private static async Task<IResult> ShowCheckAsync(
        string reference, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken) =>
        await AssessmentPages.DraftPageAsync(reference, await scopes.ForAsync(context, reference, cancellationToken), assessments,
            entity => CheckPage(entity, catalogue, entity.ETag.ToString(), "", new FormErrors()), cancellationToken);

    private static async Task<IResult> SubmitAsync(
        string reference, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(context, reference, cancellationToken);
        var entity = await assessments.FindAsync(scope, reference, cancellationToken);
        if (entity is null)
        {
            return PageResults.NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (etag, overall) = (form["etag"].ToString(), form["overallRating"].ToString());
        var result = await assessments.SubmitAsync(scope, reference, overall, new ETag(etag), cancellationToken);
        if (result.Failure == WriteFailure.Invalid)
        {
            var order = catalogue.Find(entity.StandardId)!.Points.Select(p => $"point-{p.Number}").Prepend("overallRating").ToList();
            var errors = FormErrors.From(result.Errors!.ToDictionary().Select(e => KeyValuePair.Create(e.Key.Replace("points.", "point-", StringComparison.Ordinal), e.Value)), order);
            var page = CheckPage(entity, catalogue, etag, overall, errors);
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        if (result.Assessment is null)
        {
            return PageResults.For(result.Failure, reference, AssessmentPages.CheckHref(reference));
        }

        // The panel's grant ends with the report it just published: the lead goes back to their panels.
        return TypedResults.Redirect(scope.Panel is { } panel ? PanelDraftReference.PublishedHref(panel.RequestReference) : AssessmentPages.ConfirmationHref(reference));
    }

    /// <summary>After saving a point: the next one that is asked (not carried over), or the task list after the last.</summary>
    private static string NextHref(AssessmentEntity entity, StandardCatalogue catalogue, int number) =>
        AssessmentView.From(entity, catalogue).Points.FirstOrDefault(p => p.Number > number && p.CarriedFrom is null) is { } next
            ? PointHref(entity.Reference, next.Number)
            : AssessmentPages.ViewHref(entity.Reference);

    private static RazorComponentResult Page(
        AssessmentEntity entity, StandardCatalogue catalogue, PointView point, string etag, string? returnTo, string? rating, string? notes, FormErrors errors,
        string? evidenceMessage = null) =>
        new ComponentParameters<PointPage>()
            .Set(p => p.Reference, entity.Reference)
            .Set(p => p.ServiceName, entity.ServiceName)
            .Set(p => p.Standard, catalogue.Find(entity.StandardId)!)
            .Set(p => p.Point, point)
            .Set(p => p.ETag, etag)
            .Set(p => p.BackHref, returnTo == "check" ? AssessmentPages.CheckHref(entity.Reference) : AssessmentPages.ViewHref(entity.Reference))
            .Set(p => p.NextHref, NextHref(entity, catalogue, point.Number))
            .Set(p => p.Rating, rating)
            .Set(p => p.Notes, notes)
            .Set(p => p.Return, returnTo)
            .Set(p => p.Errors, errors)
            .Set(p => p.EvidenceMessage, evidenceMessage)
            .Result();

    private static RazorComponentResult CheckPage(AssessmentEntity entity, StandardCatalogue catalogue, string etag, string overall, FormErrors errors) =>
        new ComponentParameters<CheckAnswersPage>()
            .Set(p => p.Assessment, AssessmentView.From(entity, catalogue))
            .Set(p => p.Standard, catalogue.Find(entity.StandardId)!)
            .Set(p => p.ETag, etag)
            .Set(p => p.OverallRating, overall)
            .Set(p => p.Errors, errors)
            .Result();

    private static string? ReturnTo(string? value) => value == "check" ? "check" : null;
}
