using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.PeerAssessments.Assessors;

/// <summary>
/// A contact's offer to assess. PartitionKey: their council's region slug (a peer group is a set of regions, so a lead's
/// list is one partition query per region). RowKey: "{gss}|{contact reference}" (the contact's own session names both).
/// </summary>
public sealed class AssessorEntity : ITableEntity
{
    public const string Offered = "offered";
    public const string Approved = "approved";
    public const string Withdrawn = "withdrawn";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string ContactReference { get; set; } = "";

    /// <summary>The contact's pseudonymous key, so erasure finds the row from the contact.</summary>
    public string ContactKey { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Comma-separated role ids from the standards' assessorRoles.</summary>
    public string Roles { get; set; } = "";

    /// <summary>Comma-separated standard ids.</summary>
    public string Standards { get; set; } = "";

    /// <summary>Comma-separated yyyy-MM-dd dates they cannot do, in order.</summary>
    public string Unavailable { get; set; } = "";

    public int PerQuarter { get; set; }
    public string Status { get; set; } = Offered;
    public DateTimeOffset OfferedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedBy { get; set; }

    /// <summary>yyyy-MM-dd: the day of their assessor training, recorded by whoever approved them.</summary>
    public string? TrainedOn { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    [IgnoreDataMember]
    public string AssessorId => AssessorKeys.Id(GssCode, ContactReference);

    [IgnoreDataMember]
    public IReadOnlyList<string> RoleIds => Split(Roles);

    [IgnoreDataMember]
    public IReadOnlyList<string> StandardIds => Split(Standards);

    [IgnoreDataMember]
    public IReadOnlyList<DateOnly> UnavailableDates =>
        Split(Unavailable).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

    [IgnoreDataMember]
    public DateOnly? TrainedOnDate =>
        TrainedOn is null ? null : DateOnly.ParseExact(TrainedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
}

public static class AssessorKeys
{
    public static string RowKey(string gssCode, string contactReference) => $"{gssCode}|{contactReference}";

    /// <summary>How routes and panels name an assessor: "{gss}.{contact reference}" (safe in a URL segment).</summary>
    public static string Id(string gssCode, string contactReference) => $"{gssCode}.{contactReference}";

    public static (string GssCode, string ContactReference)? Parse(string? assessorId) =>
        assessorId?.Split('.', 2) is [{ Length: > 0 } gss, { Length: > 0 } reference] ? (gss, reference) : null;
}
