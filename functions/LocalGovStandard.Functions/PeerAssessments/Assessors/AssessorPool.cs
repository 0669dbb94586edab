using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Access;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;

namespace LocalGovStandard.PeerAssessments.Assessors;

public enum ApprovalResult
{
    Approved,

    /// <summary>They withdrew: nothing to approve until they offer again.</summary>
    Withdrawn,
}

/// <summary>
/// The assessor pool: contacts offer to assess, a peer-group lead or an organiser approves them with the date of their
/// training, and they can withdraw and offer again. Only approved assessors who still act for their council are ever proposed.
/// Editing an offer keeps its approval (the training and the person are what was approved); offering again after
/// withdrawing needs approving again. Every change is audited; every read-modify-write holds the row's ETag.
/// </summary>
public sealed class AssessorPool(
    [FromKeyedServices(TableNames.Assessors)] TableClient table,
    CouncilDirectory councils,
    ContactStore contacts,
    AuditLog audit,
    TimeProvider clock)
{
    private const int ConcurrencyRetries = 5;

    /// <summary>The approved assessors who still act for their council, by council code then name then id (the same order for the same data).</summary>
    public async Task<IReadOnlyList<ApprovedAssessor>> ApprovedAsync(CancellationToken cancellationToken)
    {
        var approved = new List<ApprovedAssessor>();
        foreach (var entity in await QueryAsync(Regions.All.Select(r => r.Slug), AssessorEntity.Approved, cancellationToken))
        {
            var contact = await contacts.GetAsync(entity.PartitionKey, entity.GssCode, entity.ContactKey, cancellationToken);
            if (contact is { Status: ContactEntity.Verified } && entity.TrainedOnDate is { } trainedOn)
            {
                approved.Add(new ApprovedAssessor(entity.AssessorId, entity.Name, entity.GssCode, entity.CouncilName, entity.PartitionKey,
                    entity.RoleIds, entity.StandardIds, entity.UnavailableDates, entity.PerQuarter, trainedOn, entity.ContactKey));
            }
        }

        return approved.OrderBy(a => a.CouncilCode, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ThenBy(a => a.AssessorId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Everyone who has offered in these regions (any status), by council name then name.</summary>
    public async Task<IReadOnlyList<AssessorEntity>> InRegionsAsync(IEnumerable<string> regions, CancellationToken cancellationToken) =>
        (await QueryAsync(regions, status: null, cancellationToken))
            .OrderBy(a => a.CouncilName, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.RowKey, StringComparer.Ordinal)
            .ToList();

    public Task<AssessorEntity?> FindAsync(CouncilScope scope, CancellationToken cancellationToken) =>
        GetAsync(scope.Region, AssessorKeys.RowKey(scope.GssCode, scope.ContactReference), cancellationToken);

    public async Task<AssessorEntity?> FindAsync(string? assessorId, CancellationToken cancellationToken) =>
        AssessorKeys.Parse(assessorId) is { } key && await councils.FindByCodeAsync(key.GssCode, cancellationToken) is { } council
            ? await GetAsync(council.Region.Slug, AssessorKeys.RowKey(key.GssCode, key.ContactReference), cancellationToken)
            : null;

    /// <summary>Offers to assess, or changes the offer. A first offer (or one after withdrawing) waits for approval.</summary>
    public async Task<AssessorEntity> OfferAsync(CouncilScope scope, AssessorProfile profile, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConcurrencyRetries; attempt++)
        {
            var now = clock.GetUtcNow();
            var entity = await FindAsync(scope, cancellationToken);
            var isNew = entity is null;
            entity ??= new AssessorEntity
            {
                PartitionKey = scope.Region,
                RowKey = AssessorKeys.RowKey(scope.GssCode, scope.ContactReference),
                GssCode = scope.GssCode,
                ContactReference = scope.ContactReference,
                OfferedAt = now,
            };
            var previousRoles = entity.Roles;
            var offersAgain = isNew || entity.Status == AssessorEntity.Withdrawn;
            entity.CouncilName = (await councils.FindByCodeAsync(scope.GssCode, cancellationToken))?.OfficialName ?? scope.GssCode;
            entity.ContactKey = scope.ContactKey;
            entity.Name = scope.ContactName;
            entity.Roles = string.Join(',', profile.Roles);
            entity.Standards = string.Join(',', profile.Standards);
            entity.Unavailable = string.Join(',', profile.Unavailable.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            entity.PerQuarter = profile.PerQuarter;
            entity.UpdatedAt = now;
            if (offersAgain)
            {
                entity.Status = AssessorEntity.Offered;
                entity.OfferedAt = now;
                entity.WithdrawnAt = null;
            }

            if (await TryWriteAsync(entity, isNew, cancellationToken))
            {
                var details = offersAgain ? $"roles: {entity.Roles}" : entity.Roles == previousRoles ? null : $"roles: {previousRoles} -> {entity.Roles}";
                await audit.WriteAsync(Actor(scope), offersAgain ? "assessor.offered" : "assessor.changed", Subject(entity), details, cancellationToken);
                return entity;
            }
        }

        throw new RequestFailedException(503, "The assessor's offer kept changing while it was being saved.");
    }

    /// <summary>Takes them out of the pool; null when they never offered.</summary>
    public async Task<AssessorEntity?> WithdrawAsync(CouncilScope scope, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConcurrencyRetries; attempt++)
        {
            var entity = await FindAsync(scope, cancellationToken);
            if (entity is null || entity.Status == AssessorEntity.Withdrawn)
            {
                return entity;
            }

            entity.Status = AssessorEntity.Withdrawn;
            entity.WithdrawnAt = clock.GetUtcNow();
            entity.UpdatedAt = entity.WithdrawnAt.Value;
            if (await TryWriteAsync(entity, isNew: false, cancellationToken))
            {
                await audit.WriteAsync(Actor(scope), "assessor.withdrawn", Subject(entity), null, cancellationToken);
                return entity;
            }
        }

        throw new RequestFailedException(503, "The assessor's offer kept changing while it was being withdrawn.");
    }

    /// <summary>Approves an offer (or records a new training date for an approved assessor), audited under <paramref name="actor"/>.</summary>
    public async Task<(ApprovalResult Result, AssessorEntity Assessor)> ApproveAsync(AssessorEntity entity, DateOnly trainedOn, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConcurrencyRetries; attempt++)
        {
            if (entity.Status == AssessorEntity.Withdrawn)
            {
                return (ApprovalResult.Withdrawn, entity);
            }

            var now = clock.GetUtcNow();
            entity.Status = AssessorEntity.Approved;
            entity.ApprovedAt = now;
            entity.ApprovedBy = actor;
            entity.TrainedOn = trainedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            entity.UpdatedAt = now;
            if (await TryWriteAsync(entity, isNew: false, cancellationToken))
            {
                await audit.WriteAsync(actor, "assessor.approved", Subject(entity), $"trained on {entity.TrainedOn}", cancellationToken);
                return (ApprovalResult.Approved, entity);
            }

            entity = await GetAsync(entity.PartitionKey, entity.RowKey, cancellationToken) ?? entity;
        }

        throw new RequestFailedException(503, "The assessor's offer kept changing while it was being approved.");
    }

    /// <summary>Deletes the offer outright (erasure); whether there was one.</summary>
    public async Task<bool> DeleteAsync(string region, string gssCode, string contactReference, CancellationToken cancellationToken)
    {
        using var response = await table.DeleteEntityAsync(region, AssessorKeys.RowKey(gssCode, contactReference), ETag.All, cancellationToken);
        return response.Status != 404;
    }

    public Task<AssessorEntity?> GetAsync(string region, string gssCode, string contactReference, CancellationToken cancellationToken) =>
        GetAsync(region, AssessorKeys.RowKey(gssCode, contactReference), cancellationToken);

    private async Task<AssessorEntity?> GetAsync(string region, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<AssessorEntity>(region, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private async Task<List<AssessorEntity>> QueryAsync(IEnumerable<string> regions, string? status, CancellationToken cancellationToken)
    {
        var perRegion = await Task.WhenAll(regions.Distinct().Select(async region =>
        {
            var filter = status is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {region}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {region} and Status eq {status}");
            var found = new List<AssessorEntity>();
            await foreach (var entity in table.QueryAsync<AssessorEntity>(filter, cancellationToken: cancellationToken))
            {
                found.Add(entity);
            }

            return found;
        }));
        return perRegion.SelectMany(r => r).ToList();
    }

    /// <returns>False when someone else wrote the row first (the caller reads it again).</returns>
    private async Task<bool> TryWriteAsync(AssessorEntity entity, bool isNew, CancellationToken cancellationToken)
    {
        try
        {
            var response = isNew
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return false;
        }
    }

    private static string Actor(CouncilScope scope) => $"contact:{scope.ContactReference}";

    /// <summary>Record keys only, as the audit log asks: the region, the council and the contact's reference.</summary>
    private static string Subject(AssessorEntity entity) => $"{entity.PartitionKey}/{entity.GssCode}/assessor:{entity.ContactReference}";
}
