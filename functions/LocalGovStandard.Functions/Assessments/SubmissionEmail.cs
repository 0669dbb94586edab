using System.Text;
using System.Text.Encodings.Web;
using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Assessments;

/// <summary>The copy of a submitted assessment sent to its submitter. It lists evidence file names but never attaches them.</summary>
public static class SubmissionEmail
{
    public const string LedgerPartition = "assessment-submitted";

    /// <summary>What the email ends with: a sentence and, when the reader has somewhere to go next, a link.</summary>
    public sealed record Closing(string Text, string? LinkLabel = null, Uri? Link = null);

    public static readonly Closing Reassess = new("A submitted assessment cannot be changed. To record new ratings for the points that failed, start a reassessment.");

    /// <param name="closing">The paragraphs the email ends with; a self-assessment's ends with <see cref="Reassess"/>.</param>
    public static EmailMessage Build(
        AssessmentEntity assessment, Standard standard, EmailAddress to, IReadOnlyList<ActionEntity> actions, IReadOnlyList<Closing>? closing = null)
    {
        var points = assessment.Points();
        var result = standard.OverallRating(assessment.OverallRating)?.Label ?? assessment.OverallRating;
        var subject = $"Assessment {assessment.Reference} submitted: {assessment.ServiceName}";

        var text = new StringBuilder()
            .AppendLine($"Dear {to.Name},").AppendLine()
            .AppendLine($"{assessment.CouncilName}'s {assessment.Type} assessment of {assessment.ServiceName} against the {standard.Name} ({standard.Version}) has been submitted.").AppendLine()
            .AppendLine($"Reference: {assessment.Reference}")
            .AppendLine($"Date of assessment: {AssessmentText.Date(assessment.AssessmentDate)}")
            .AppendLine($"Phase: {AssessmentText.Phase(assessment.Phase)}")
            .AppendLine($"Overall result: {result}").AppendLine();
        var html = HtmlEncoder.Default;
        var body = new StringBuilder()
            .Append("<p>Dear ").Append(html.Encode(to.Name ?? "")).Append(",</p>")
            .Append("<p>").Append(html.Encode($"{assessment.CouncilName}'s {assessment.Type} assessment of {assessment.ServiceName} against the {standard.Name} ({standard.Version}) has been submitted.")).Append("</p>")
            .Append("<p>Reference: <strong>").Append(html.Encode(assessment.Reference)).Append("</strong><br>")
            .Append("Date of assessment: ").Append(html.Encode(AssessmentText.Date(assessment.AssessmentDate))).Append("<br>")
            .Append("Phase: ").Append(html.Encode(AssessmentText.Phase(assessment.Phase))).Append("<br>")
            .Append("Overall result: <strong>").Append(html.Encode(result ?? "")).Append("</strong></p><ol>");

        foreach (var point in standard.Points)
        {
            var answer = points.GetValueOrDefault(point.Number);
            var rating = standard.Rating(answer?.Rating)?.Label ?? "Not rated";
            var carried = answer?.CarriedFrom is { } from ? $" (carried over from {from.Reference}, {AssessmentText.Date(from.AssessmentDate)})" : "";
            text.AppendLine($"{point.Number}. {point.Title}: {rating}{carried}");
            body.Append("<li><strong>").Append(html.Encode(point.Title)).Append("</strong>: ").Append(html.Encode(rating + carried));
            if (!string.IsNullOrEmpty(answer?.Notes))
            {
                text.AppendLine($"   Notes: {answer.Notes.Replace("\n", "\n   ", StringComparison.Ordinal)}");
                body.Append("<br>").Append(html.Encode(answer.Notes).Replace("&#xA;", "<br>", StringComparison.Ordinal));
            }

            if (answer?.Evidence is { Count: > 0 } evidence)
            {
                var names = string.Join(", ", evidence.Select(e => e.FileName));
                text.AppendLine($"   Evidence (not attached): {names}");
                body.Append("<br>Evidence (not attached): ").Append(html.Encode(names));
            }

            body.Append("</li>");
        }

        body.Append("</ol>");
        if (actions.Count > 0)
        {
            text.AppendLine().AppendLine("Actions to complete:");
            body.Append("<p>Actions to complete:</p><ul>");
            foreach (var action in actions)
            {
                var since = action.AssessmentReference == assessment.Reference ? "" : $" (open since {action.AssessmentReference})";
                var line = $"Point {action.PointNumber}, {action.PointTitle}: due {AssessmentText.Date(action.DueAt)}{since}";
                text.AppendLine($"- {line}");
                body.Append("<li>").Append(html.Encode(line)).Append("</li>");
            }

            body.Append("</ul>");
        }

        text.AppendLine();
        foreach (var end in closing ?? [Reassess])
        {
            text.AppendLine(end.Text).AppendLine();
            body.Append("<p>").Append(html.Encode(end.Text)).Append("</p>");
            if (end is { LinkLabel: { } label, Link: { } link })
            {
                text.AppendLine($"{label}:").AppendLine(link.AbsoluteUri).AppendLine();
                body.Append("<p><a href=\"").Append(html.Encode(link.AbsoluteUri)).Append("\">").Append(html.Encode(label)).Append("</a></p>");
            }
        }

        text.Append("LocalGov Digital");
        body.Append("<p>LocalGov Digital</p>");

        return new EmailMessage($"submitted-{assessment.PartitionKey}-{assessment.Reference}", "assessment", to, subject, text.ToString(), body.ToString());
    }
}
