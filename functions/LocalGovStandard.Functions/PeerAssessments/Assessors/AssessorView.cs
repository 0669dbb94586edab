namespace LocalGovStandard.PeerAssessments.Assessors;

/// <summary>An offer to assess as the API shows it, to the person themselves and to an organiser. Dates already past are left out.</summary>
public sealed record AssessorView(
    string AssessorId,
    string Name,
    string CouncilCode,
    string CouncilName,
    string Region,
    string Status,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Standards,
    IReadOnlyList<DateOnly> Unavailable,
    int PerQuarter,
    DateTimeOffset OfferedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ApprovedAt,
    DateOnly? TrainedOn,
    DateTimeOffset? WithdrawnAt)
{
    public static AssessorView From(AssessorEntity entity, DateOnly today) => new(
        entity.AssessorId, entity.Name, entity.GssCode, entity.CouncilName, entity.PartitionKey, entity.Status,
        entity.RoleIds, entity.StandardIds, entity.UnavailableDates.Where(d => d >= today).ToList(), entity.PerQuarter,
        entity.OfferedAt, entity.UpdatedAt, entity.ApprovedAt, entity.TrainedOnDate, entity.WithdrawnAt);
}

/// <summary>An organiser's approval (<c>POST /api/admin/assessors/{assessorId}/approve</c>).</summary>
/// <param name="TrainedOn">The day of their assessor training, yyyy-MM-dd, not in the future.</param>
public sealed record AssessorApprovalRequest(string? TrainedOn);

/// <summary>The training date an approval records: a real date, not in the future.</summary>
public static class TrainingDate
{
    public const string Field = "trainedOn";
    public const string Missing = "Enter the date of their assessor training";
    public const string NotReal = "The date of their assessor training must be a real date";
    public const string InFuture = "The date of their assessor training must be today or in the past";

    /// <returns>The date, or the message saying what is wrong with it.</returns>
    public static (DateOnly? Date, string? Problem) Check(string? isoDate, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(isoDate))
        {
            return (null, Missing);
        }

        if (!DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return (null, NotReal);
        }

        return date > today ? (null, InFuture) : (date, null);
    }
}
