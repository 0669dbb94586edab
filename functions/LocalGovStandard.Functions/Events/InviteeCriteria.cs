using System.Globalization;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Validation;

namespace LocalGovStandard.Events;

/// <summary>The criteria as sent: query string for the preview, JSON body for the send.</summary>
public sealed record InviteeCriteriaRequest(string? VerifiedOnOrBefore, int? MinSubmittedAssessments, IReadOnlyList<string>? PeerGroups);

/// <param name="VerifiedOnOrBefore">Inclusive: a contact verified at any time on this date (UTC) qualifies.</param>
public sealed record InviteeCriteria(DateOnly VerifiedOnOrBefore, int? MinSubmittedAssessments, IReadOnlyList<PeerGroup> PeerGroups)
{
    public DateTimeOffset VerifiedBefore => new(VerifiedOnOrBefore.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static async Task<(InviteeCriteria? Criteria, FieldErrors Errors)> ValidateAsync(
        InviteeCriteriaRequest request, PeerGroupStore peerGroups, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(request.VerifiedOnOrBefore))
        {
            errors.Add("verifiedOnOrBefore", "Enter the latest sign-up verification date to include, as YYYY-MM-DD");
        }
        else if (!DateOnly.TryParseExact(request.VerifiedOnOrBefore.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors.Add("verifiedOnOrBefore", "verifiedOnOrBefore must be a date as YYYY-MM-DD");
        }

        if (request.MinSubmittedAssessments is < 0 or > 1000)
        {
            errors.Add("minSubmittedAssessments", "minSubmittedAssessments must be between 0 and 1000");
        }

        var groups = new List<PeerGroup>();
        var requested = (request.PeerGroups ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        if (requested.Count > 0)
        {
            var all = await peerGroups.AllAsync(cancellationToken);
            foreach (var slug in requested)
            {
                if (all.FirstOrDefault(g => g.Slug == slug) is { } group)
                {
                    groups.Add(group);
                }
                else
                {
                    errors.Add("peerGroups", $"peerGroups must be chosen from: {string.Join(", ", all.Select(g => g.Slug))}");
                }
            }
        }

        return errors.IsValid
            ? (new InviteeCriteria(date, request.MinSubmittedAssessments is > 0 ? request.MinSubmittedAssessments : null, groups), errors)
            : (null, errors);
    }
}
