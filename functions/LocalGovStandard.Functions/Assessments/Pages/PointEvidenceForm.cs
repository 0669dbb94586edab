using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Assessments.Evidence;
using LocalGovStandard.Platform.Pages;

namespace LocalGovStandard.Assessments.Pages;

/// <summary>The point page's form, read once: which button was pressed, the fields, and an uploaded file.</summary>
public sealed record PointEvidenceForm(string Action, string ETag, string? Return, string Rating, string Notes, IFormFile? File, string? RemoveId)
{
    public const string Save = "save";
    public const string Upload = "upload";
    public const string Remove = "remove";

    public sealed record Change(AssessmentEntity? Saved, WriteFailure? Failure, FormErrors? Errors, string? Message);

    /// <summary>The assessment pages' group has already checked the form's antiforgery token.</summary>
    public static async Task<PointEvidenceForm> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var button = form["action"].ToString();
        var (action, removeId) = button.StartsWith(Remove + ":", StringComparison.Ordinal)
            ? (Remove, button[(Remove.Length + 1)..])
            : (button == Upload ? Upload : Save, (string?)null);
        return new PointEvidenceForm(action, form["etag"].ToString(), form["return"], form["rating"].ToString(), form["notes"].ToString(), form.Files.GetFile("file"), removeId);
    }

    public static async Task<Change> ApplyAsync(PointEvidenceForm form, CouncilScope scope, string reference, int number, EvidenceService evidence, CancellationToken cancellationToken)
    {
        if (form.Action == Remove)
        {
            var removed = await evidence.RemoveAsync(scope, reference, form.RemoveId ?? "", new ETag(form.ETag), cancellationToken);
            return removed.Assessment is { } afterRemove
                ? new Change(afterRemove, null, null, "The file was removed.")
                : new Change(null, removed.Failure, removed.Errors is null ? null : Errors(removed.Errors.ToDictionary()), null);
        }

        if (form.File is not { Length: > 0 } file)
        {
            var missing = new FormErrors();
            missing.Add("file", "Select a file to upload");
            return new Change(null, WriteFailure.Invalid, missing, null);
        }

        await using var content = file.OpenReadStream();
        var added = await evidence.AddAsync(scope, reference, number, file.FileName, file.ContentType, content, new ETag(form.ETag), cancellationToken);
        return added.Write.Assessment is { } afterAdd
            ? new Change(afterAdd, null, null, $"{added.File!.FileName} was uploaded.")
            : new Change(null, added.Write.Failure, added.Write.Errors is null ? null : Errors(added.Write.Errors.ToDictionary()), null);
    }

    /// <summary>Every evidence error belongs to the file input, which the error summary links to.</summary>
    private static FormErrors Errors(IDictionary<string, string[]> errors) =>
        FormErrors.From(errors.Select(e => KeyValuePair.Create("file", e.Value)), ["file"]);
}
