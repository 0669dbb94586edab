using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Register;

/// <summary>A council in the register. PartitionKey: region slug. RowKey: the register's local-authority-code.</summary>
public sealed class CouncilEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string GssCode { get; set; } = "";
    public string OfficialName { get; set; } = "";
    public string NiceName { get; set; } = "";
    public string Nation { get; set; } = "";
    public string AuthorityType { get; set; } = "";
    public string? EndDate { get; set; }
    public bool IsCurrent { get; set; }

    public bool SameFactsAs(CouncilEntity other) =>
        PartitionKey == other.PartitionKey && GssCode == other.GssCode && OfficialName == other.OfficialName
        && NiceName == other.NiceName && Nation == other.Nation && AuthorityType == other.AuthorityType
        && EndDate == other.EndDate && IsCurrent == other.IsCurrent;
}

/// <summary>A council as the rest of the app sees it.</summary>
public sealed record Council(
    string LocalAuthorityCode,
    string GssCode,
    string OfficialName,
    string NiceName,
    string Nation,
    Region Region,
    string AuthorityType,
    string? EndDate,
    bool IsCurrent)
{
    /// <summary>
    /// How the council is keyed everywhere (the feed, the directory, page choices): its GSS code, or the
    /// register's own local-authority-code when it has none (the historic Northern Ireland councils).
    /// A GSS code is a letter and 8 digits, which no register code of a council without one looks like.
    /// </summary>
    public string Code => GssCode.Length > 0 ? GssCode : LocalAuthorityCode;

    /// <summary>Only current authorities with no end date and a GSS code can sign up.</summary>
    public bool CanSignUp => IsCurrent && string.IsNullOrEmpty(EndDate) && GssCode.Length > 0;

    public static Council From(CouncilEntity entity) => new(
        entity.RowKey, entity.GssCode, entity.OfficialName, entity.NiceName, entity.Nation,
        Regions.FromSlug(entity.PartitionKey) ?? Regions.Unassigned, entity.AuthorityType, entity.EndDate, entity.IsCurrent);
}
