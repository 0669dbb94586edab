using System.Globalization;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>A request as the API shows it. Dates are yyyy-MM-dd; the contact is named, or null once erased.</summary>
/// <param name="ReassessmentOf">The earlier request this one reassesses, if any.</param>
/// <param name="Outcome">Once the report is published: the panel's overall rating on the standard's scale.</param>
/// <param name="FailedPoints">Once the report is published: the numbers of the points it did not pass.</param>
/// <param name="ReassessHref">When any point failed (or the outcome did): the new-request page, filled in from this request.</param>
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
    DateTimeOffset CreatedAt,
    string? ReassessmentOf,
    string? Outcome,
    IReadOnlyList<int> FailedPoints,
    string? ReassessHref)
{
    public static PeerAssessmentRequestView From(PeerAssessmentRequestEntity entity, Standard? standard, ContactEntity? contact, IReadOnlyList<CouncilNameView> conflicts) => new(
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
        entity.CreatedAt,
        entity.ReassessmentOf,
        entity.Outcome,
        entity.FailedPointNumbers(),
        ReassessmentOffer.HrefIfOffered(entity, standard));
}

public sealed record CouncilNameView(string Code, string Name);

/// <summary>What a request's page or view shows besides the row: the contact's name and the conflicts' names.</summary>
public sealed class PeerAssessmentRequestDetails(ContactStore contacts, CouncilDirectory councils, StandardCatalogue standards)
{
    public async Task<PeerAssessmentRequestView> ViewAsync(PeerAssessmentRequestEntity entity, CancellationToken cancellationToken) =>
        PeerAssessmentRequestView.From(entity, standards.Find(entity.StandardId), await ContactAsync(entity, cancellationToken), await ConflictsAsync(entity, cancellationToken));

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
