using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;

namespace LocalGovStandard.PeerGroups;

public sealed record PeerGroupRequest(string? Name, IReadOnlyList<string>? Regions, IReadOnlyList<PeerGroupLeadRequest>? Leads);

public sealed record PeerGroupLeadRequest(string? Name, string? Email);

/// <summary>An organiser creates or changes a peer group: its name, its regions (each in one group only) and its leads.</summary>
public sealed partial class PeerGroupEditor([FromKeyedServices(TableNames.PeerGroups)] TableClient table, PeerGroupStore store, AuditLog audit)
{
    public const int MaxLeads = 10;

    public async Task<(PeerGroup? Group, FieldErrors Errors)> SaveAsync(string slug, PeerGroupRequest request, string actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!SlugPattern().IsMatch(slug))
        {
            errors.Add("slug", "A peer group's slug is 2 to 40 lower-case letters, digits or hyphens, like north-west");
        }

        var name = errors.RequiredText("name", request.Name, "Name", 80, "Enter the peer group's name");
        var regions = await ValidateRegionsAsync(slug, request.Regions ?? [], errors, cancellationToken);
        var leads = ValidateLeads(request.Leads ?? [], errors);
        if (!errors.IsValid)
        {
            return (null, errors);
        }

        var entity = new PeerGroupEntity
        {
            RowKey = slug,
            Name = name!,
            Regions = string.Join(',', regions.Select(r => r.Slug)),
            LeadsJson = JsonSerializer.Serialize(leads, JsonSerializerOptions.Web),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        await audit.WriteAsync(actor, "peer-group.saved", $"peer-group/{slug}", $"regions {entity.Regions}; {leads.Count} lead(s)", cancellationToken);
        return (PeerGroup.From(entity), errors);
    }

    private async Task<List<Region>> ValidateRegionsAsync(string slug, IReadOnlyList<string> requested, FieldErrors errors, CancellationToken cancellationToken)
    {
        var regions = new List<Region>();
        if (requested.Count == 0)
        {
            errors.Add("regions", "Choose at least one region for the peer group");
            return regions;
        }

        var others = (await store.AllAsync(cancellationToken)).Where(g => g.Slug != slug).ToList();
        foreach (var value in requested.Distinct(StringComparer.Ordinal))
        {
            var region = Regions.All.FirstOrDefault(r => r.Slug == value?.Trim());
            if (region is null)
            {
                errors.Add("regions", $"'{value}' is not a region. Regions: {string.Join(", ", Regions.All.Select(r => r.Slug))}");
                continue;
            }

            if (others.FirstOrDefault(g => g.Regions.Contains(region)) is { } owner)
            {
                errors.Add("regions", $"{region.Name} is already in the {owner.Name} peer group. Take it out of that group first");
                continue;
            }

            regions.Add(region);
        }

        return regions;
    }

    private static List<PeerGroupLead> ValidateLeads(IReadOnlyList<PeerGroupLeadRequest> requested, FieldErrors errors)
    {
        var leads = new List<PeerGroupLead>();
        if (requested.Count > MaxLeads)
        {
            errors.Add("leads", $"A peer group can have up to {MaxLeads} leads");
            return leads;
        }

        for (var i = 0; i < requested.Count; i++)
        {
            var name = errors.RequiredText($"leads[{i}].name", requested[i].Name, "Lead's name", 100, $"Enter the name of lead {i + 1}");
            var email = errors.RequiredText($"leads[{i}].email", requested[i].Email, "Lead's email address", 254, $"Enter the email address of lead {i + 1}");
            var normalised = email is null ? null : EmailAddresses.Normalise(email)?.Address;
            if (email is not null && normalised is null)
            {
                errors.Add($"leads[{i}].email", $"Enter lead {i + 1}'s email address in the correct format, like name@example.gov.uk");
                continue;
            }

            if (name is not null && normalised is not null)
            {
                if (leads.Any(l => string.Equals(l.Email, normalised, StringComparison.OrdinalIgnoreCase)))
                {
                    errors.Add($"leads[{i}].email", $"{normalised} is already a lead of this group");
                    continue;
                }

                leads.Add(new PeerGroupLead(name, normalised));
            }
        }

        return leads;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex SlugPattern();
}
