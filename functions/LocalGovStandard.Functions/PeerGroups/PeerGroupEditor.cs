using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;

namespace LocalGovStandard.PeerGroups;

/// <param name="Councils">Council codes (from the register) for a group made from a list of councils; leave out for a group made from regions.</param>
public sealed record PeerGroupRequest(string? Name, IReadOnlyList<string>? Regions, IReadOnlyList<PeerGroupLeadRequest>? Leads, IReadOnlyList<string>? Councils = null);

public sealed record PeerGroupLeadRequest(string? Name, string? Email);

/// <summary>
/// An organiser creates or changes a peer group: its name, its leads, and either its regions (each in one region group only)
/// or its list of councils (each in one council-list group only; see docs/decisions/0019-council-list-peer-groups.md).
/// </summary>
public sealed partial class PeerGroupEditor(
    [FromKeyedServices(TableNames.PeerGroups)] TableClient table, PeerGroupStore store, CouncilDirectory directory, AuditLog audit)
{
    public const int MaxLeads = 10;
    public const int MaxCouncils = 400;

    /// <summary>Creates the group, or changes it when the slug is taken (PUT).</summary>
    public Task<(PeerGroup? Group, FieldErrors Errors)> SaveAsync(string slug, PeerGroupRequest request, string actor, CancellationToken cancellationToken) =>
        WriteAsync(slug, request, mustBeNew: false, actor, cancellationToken);

    /// <summary>Creates a new group; a slug already taken is refused rather than overwritten.</summary>
    /// <param name="slug">The group's address; null to make it from the name (errors about it are then the name's).</param>
    public Task<(PeerGroup? Group, FieldErrors Errors)> CreateAsync(string? slug, PeerGroupRequest request, string actor, CancellationToken cancellationToken) =>
        WriteAsync(slug ?? SlugFrom(request.Name), request, mustBeNew: true, actor, cancellationToken, slugField: slug is null ? "name" : "slug");

    /// <summary>A slug made from a name ("Kent Districts" → kent-districts), for the console, which asks only for the name.</summary>
    public static string SlugFrom(string? name)
    {
        var slug = NotSlug().Replace((name ?? "").Trim().ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }

    private async Task<(PeerGroup? Group, FieldErrors Errors)> WriteAsync(
        string slug, PeerGroupRequest request, bool mustBeNew, string actor, CancellationToken cancellationToken, string slugField = "slug")
    {
        var errors = new FieldErrors();
        var name = errors.RequiredText("name", request.Name, "Name", 80, "Enter the peer group's name");
        if ((!SlugPattern().IsMatch(slug) || slug == "new") && !errors.Has(slugField))
        {
            errors.Add(slugField, slugField == "slug"
                ? "A peer group's slug is 2 to 40 lower-case letters, digits or hyphens, like north-west"
                : "Enter a name with at least 2 letters or digits");
        }

        var others = (await store.AllAsync(cancellationToken)).Where(g => g.Slug != slug).ToList();
        if (mustBeNew && !errors.Has(slugField) && (await store.FindAsync(slug, cancellationToken)) is { } taken)
        {
            errors.Add(slugField, $"There is already a peer group at {slug} ({taken.Name}). Choose another {slugField}");
        }

        List<Region> regions = [];
        List<PeerGroupCouncil> councils = [];
        if (request.Councils is { Count: > 0 } && request.Regions is { Count: > 0 })
        {
            errors.Add("councils", "A peer group is made from regions or from a list of councils, not both. Leave out the regions or the councils");
        }
        else if (request.Councils is not null && request.Regions is not { Count: > 0 })
        {
            councils = await ValidateCouncilsAsync(request.Councils, others, errors, cancellationToken);
        }
        else
        {
            regions = ValidateRegions(request.Regions ?? [], others, errors);
        }

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
            CouncilsJson = councils.Count == 0 ? null : JsonSerializer.Serialize(councils, JsonSerializerOptions.Web),
            LeadsJson = JsonSerializer.Serialize(leads, JsonSerializerOptions.Web),
        };
        if (mustBeNew)
        {
            try
            {
                await table.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                errors.Add(slugField, "Someone else has just created a peer group at this address. Choose another name");
                return (null, errors);
            }
        }
        else
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }

        var members = councils.Count == 0 ? $"regions {entity.Regions}" : $"councils {string.Join(',', councils.Select(c => c.GssCode))}";
        await audit.WriteAsync(actor, mustBeNew ? "peer-group.created" : "peer-group.saved", $"peer-group/{slug}", $"{members}; {leads.Count} lead(s)", cancellationToken);
        return (PeerGroup.From(entity), errors);
    }

    private async Task<List<PeerGroupCouncil>> ValidateCouncilsAsync(
        IReadOnlyList<string?> requested, List<PeerGroup> others, FieldErrors errors, CancellationToken cancellationToken)
    {
        var councils = new List<PeerGroupCouncil>();
        if (requested.Count == 0)
        {
            errors.Add("councils", "Choose at least one council for the peer group");
            return councils;
        }

        if (requested.Count > MaxCouncils)
        {
            errors.Add("councils", $"A peer group can have up to {MaxCouncils} councils");
            return councils;
        }

        foreach (var value in requested.Select(v => v?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var council = value.Length is > 0 and <= 20 ? await directory.FindByCodeAsync(value, cancellationToken) : null;
            if (council is null)
            {
                errors.Add("councils", $"'{Shown(value)}' is not a council in the register. Use the council's GSS code, like E07000105");
            }
            else if (!council.CanSignUp)
            {
                errors.Add("councils", $"{council.OfficialName} ({council.Code}) is no longer a current council, so it cannot be in a peer group");
            }
            else if (others.FirstOrDefault(g => g.Kind == PeerGroup.CouncilsKind && g.Contains(council.GssCode, council.Region.Slug)) is { } owner)
            {
                errors.Add("councils", $"{council.OfficialName} is already in the {owner.Name} peer group. A council can be in one list of councils (and its region's group); take it out of that group first");
            }
            else
            {
                councils.Add(new PeerGroupCouncil(council.GssCode, council.OfficialName, council.Region.Slug));
            }
        }

        return councils;
    }

    /// <summary>What the person sent, cut short and without control characters, so an error message can name it.</summary>
    private static string Shown(string value)
    {
        var printable = new string(value.Where(c => !char.IsControl(c)).Take(20).ToArray());
        return value.Length > 20 ? printable + "…" : printable;
    }

    private static List<Region> ValidateRegions(IReadOnlyList<string> requested, List<PeerGroup> others, FieldErrors errors)
    {
        var regions = new List<Region>();
        if (requested.Count == 0)
        {
            errors.Add("regions", "Choose at least one region for the peer group");
            return regions;
        }

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

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
