using System.Text.Json.Serialization;
using LocalGovStandard.Platform.Privacy;

namespace LocalGovStandard.Privacy;

/// <summary>
/// Everything the service holds about one contact (UK GDPR right of access), as one JSON document: who and where,
/// then each holder's sections ("contact", "assessments", "summitInvitations", ...) as properties beside them.
/// </summary>
public sealed class PersonalDataExport(DateTimeOffset exportedAt, string reference, ExportedCouncil council, PersonalDataSections sections)
{
    public DateTimeOffset ExportedAt => exportedAt;

    public string Reference => reference;

    public ExportedCouncil Council => council;

    [JsonExtensionData]
    public Dictionary<string, object?> Sections => sections.Sections;
}

public sealed record ExportedCouncil(string Code, string Name, string Region);

/// <summary>What an erasure did, one count per holder's step; written as properties ("summitInvitations": 1) of the API's answer.</summary>
public sealed class ErasureOutcome(IReadOnlyList<ErasedCount> counts)
{
    [JsonIgnore]
    public IReadOnlyList<ErasedCount> Counts => counts;

    [JsonExtensionData]
    public Dictionary<string, object?> ByName => counts.ToDictionary(c => c.Name, c => (object?)c.Count, StringComparer.Ordinal);
}
