using LocalGovStandard.Platform.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Assessments.Pages;

/// <summary>The answers every assessment page shares: forms that expired, references not found, and drafts that changed.</summary>
public static class PageResults
{
    /// <summary>What the "form has expired" page advises on the assessment pages (their group checks every form).</summary>
    public const string ExpiredDetail = "For your security, forms expire. Go back, reload the page and try again. Nothing you entered on that page was saved.";

    /// <summary>Another council's references look exactly like ones that do not exist.</summary>
    public static IResult NotFound() =>
        new ComponentParameters<ErrorPage>()
            .Set(p => p.Heading, "Page not found")
            .Set(p => p.Detail, "There is nothing at this address for your council. If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.")
            .Result(StatusCodes.Status404NotFound);

    public static IResult Changed(string reloadHref) =>
        Problem(
            "This draft was changed in another tab or window",
            "Someone saved this draft after you opened this page, perhaps you in another tab. Nothing you entered on this page was saved, so nothing was overwritten.",
            "Reload the page to see the latest answers", reloadHref);

    public static IResult NotDraft(string reference) =>
        Problem(
            "This assessment has been submitted and can no longer be changed",
            "Submitted assessments cannot be changed. If points were not met, you can start a reassessment from the assessment's page.",
            "View the submitted assessment", AssessmentPages.ViewHref(reference));

    /// <summary>The page for a write that did not happen; <see cref="WriteFailure.Invalid"/> is each form's own business.</summary>
    public static IResult For(WriteFailure? failure, string reference, string reloadHref) => failure switch
    {
        WriteFailure.Changed => Changed(reloadHref),
        WriteFailure.NotDraft => NotDraft(reference),
        WriteFailure.NotPermitted => Problem(
            "Only the lead assessor can submit the panel's assessment",
            "Every member of the panel can rate points and write notes. The lead assessor checks the answers and submits them. Nothing was submitted.",
            "Back to the panel's assessment", AssessmentPages.ViewHref(reference), StatusCodes.Status403Forbidden),
        _ => NotFound(),
    };

    private static RazorComponentResult Problem(string heading, string detail, string linkText, string linkHref, int status = StatusCodes.Status409Conflict) =>
        new ComponentParameters<AssessmentProblemPage>()
            .Set(p => p.Heading, heading)
            .Set(p => p.Detail, detail)
            .Set(p => p.LinkText, linkText)
            .Set(p => p.LinkHref, linkHref)
            .Result(status);
}
