using LocalGovStandard.Reports;

namespace LocalGovStandard.Organiser;

/// <summary>How the console words a workbook's stored run status and a run's outcome.</summary>
public static class ReportRunText
{
    public sealed record Tag(string Label, string CssClass);

    public static Tag Status(string status) => status switch
    {
        ReportRunView.NotRun => new("Not run", "govuk-tag--grey"),
        ReportRunEntity.Building => new("Building", "govuk-tag--light-blue"),
        ReportRunEntity.BuildFailed => new("Could not be built", "govuk-tag--red"),
        ReportRunEntity.Sending => new("Sending", "govuk-tag--light-blue"),
        ReportRunEntity.SendFailed => new("Not all sent", "govuk-tag--red"),
        ReportRunEntity.Sent => new("Sent", "govuk-tag--green"),
        ReportRunEntity.Stored => new("Stored, not sent", "govuk-tag--yellow"),
        _ => new(status, "govuk-tag--grey"),
    };

    /// <summary>"Wales: workbook built and stored. It has no leads to email." and the like.</summary>
    public static string Sentence(GroupRunOutcome outcome, string groupName)
    {
        var workbook = outcome.Built ? "workbook built and stored" : "stored workbook reused";
        var leads = outcome.Leads == 0 ? "It has no leads to email." : $"{ConsoleText.Plural(outcome.Leads, "lead", "leads")}: {string.Join(", ", LeadParts(outcome))}.";
        var error = outcome.Error is null ? "" : $" Problem: {outcome.Error}";
        return $"{groupName}: {workbook}. {leads}{error}";
    }

    private static IEnumerable<string> LeadParts(GroupRunOutcome outcome)
    {
        yield return $"{outcome.SentNow} emailed now";
        if (outcome.AlreadySent > 0)
        {
            yield return $"{outcome.AlreadySent} already emailed";
        }

        if (outcome.InProgress > 0)
        {
            yield return $"{outcome.InProgress} being emailed by another run";
        }

        if (outcome.Failed > 0)
        {
            yield return $"{outcome.Failed} could not be emailed";
        }
    }
}
