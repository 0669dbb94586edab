using System.Globalization;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>A request as the API shows it. Dates are yyyy-MM-dd; the contact is named, or null once erased.</summary>
public sealed record PeerAssessmentRequestView(
    string Reference,
    string Status,
    string CouncilName,
    string ServiceName,
    string? ServiceUrl,
    string Phase,
    string StandardId,
    IReadOnlyList<string> PreferredDates,
    string? ContactName,
    IReadOnlyList<CouncilNameView> Conflicts,
    DateTimeOffset CreatedAt)
{
    public static PeerAssessmentRequestView From(PeerAssessmentRequestEntity entity, ContactEntity? contact, IReadOnlyList<CouncilNameView> conflicts) => new(
        entity.Reference,
        entity.Status,
        entity.CouncilName,
        entity.ServiceName,
        entity.ServiceUrl,
        entity.Phase,
        entity.StandardId,
        entity.Dates().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
        contact?.ContactName,
        conflicts,
        entity.CreatedAt);
}

public sealed record CouncilNameView(string Code, string Name);

/// <summary>What a request's page or view shows besides the row: the contact's name and the conflicts' names.</summary>
public sealed class PeerAssessmentRequestDetails(ContactStore contacts, CouncilDirectory councils)
{
    public async Task<PeerAssessmentRequestView> ViewAsync(PeerAssessmentRequestEntity entity, CancellationToken cancellationToken) =>
        PeerAssessmentRequestView.From(entity, await ContactAsync(entity, cancellationToken), await ConflictsAsync(entity, cancellationToken));

    public async Task<ContactEntity?> ContactAsync(PeerAssessmentRequestEntity entity, CancellationToken cancellationToken) =>
        entity.ContactKey.Length == 0 ? null : await contacts.GetAsync(entity.PartitionKey, entity.GssCode, entity.ContactKey, cancellationToken);

    public async Task<IReadOnlyList<CouncilNameView>> ConflictsAsync(PeerAssessmentRequestEntity entity, CancellationToken cancellationToken)
    {
        var names = new List<CouncilNameView>();
        foreach (var code in entity.ConflictCodes())
        {
            names.Add(new CouncilNameView(code, (await councils.FindByCodeAsync(code, cancellationToken))?.OfficialName ?? code));
        }

        return names;
    }
}
