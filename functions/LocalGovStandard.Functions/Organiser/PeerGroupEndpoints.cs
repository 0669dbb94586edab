using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.PeerGroupSetup;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Register;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Organiser;

/// <summary>What the peer group form shows: the saved group, or what was just posted, plus one empty lead row to add a lead.</summary>
public sealed record PeerGroupForm(string Name, IReadOnlyList<string> Regions, IReadOnlyList<PeerGroupLeadRequest> Leads)
{
    /// <summary>What the group is made of: <see cref="PeerGroup.RegionsKind"/> or <see cref="PeerGroup.CouncilsKind"/>.</summary>
    public string Kind { get; init; } = PeerGroup.RegionsKind;

    public IReadOnlyList<string> Councils { get; init; } = [];

    public static PeerGroupForm Empty(string kind) => new("", [], WithEmptyRow([])) { Kind = kind };

    public static PeerGroupForm From(PeerGroup group) =>
        new(group.Name, group.Regions.Select(r => r.Slug).ToList(), WithEmptyRow(group.Leads.Select(l => new PeerGroupLeadRequest(l.Name, l.Email))))
        {
            Kind = group.Kind,
            Councils = group.Councils.Select(c => c.GssCode).ToList(),
        };

    public static PeerGroupForm From(IFormCollection form, string kind)
    {
        var leads = new List<PeerGroupLeadRequest>();
        for (var i = 0; i < PeerGroupEditor.MaxLeads + 1; i++)
        {
            leads.Add(new PeerGroupLeadRequest(form[$"leads[{i}].name"], form[$"leads[{i}].email"]));
        }

        return new(form["name"].ToString(), form["regions"].OfType<string>().ToList(), leads)
        {
            Kind = kind,
            Councils = form["councils"].OfType<string>().ToList(),
        };
    }

    /// <summary>The group to save: its regions or its councils, as its kind says; lead rows left wholly empty are dropped (that is how a lead is removed).</summary>
    public PeerGroupRequest ToRequest()
    {
        var leads = Leads.Where(l => !string.IsNullOrWhiteSpace(l.Name) || !string.IsNullOrWhiteSpace(l.Email)).ToList();
        return Kind == PeerGroup.CouncilsKind ? new(Name, null, leads, Councils) : new(Name, Regions, leads);
    }

    public PeerGroupForm ForRedisplay() => this with { Leads = WithEmptyRow(ToRequest().Leads!) };

    private static List<PeerGroupLeadRequest> WithEmptyRow(IEnumerable<PeerGroupLeadRequest> leads)
    {
        var rows = leads.ToList();
        if (rows.Count < PeerGroupEditor.MaxLeads)
        {
            rows.Add(new PeerGroupLeadRequest("", ""));
        }

        return rows;
    }
}

/// <summary>What a group can be made of: the regions offered (and who covers the others), or the register's current councils by region.</summary>
public sealed record PeerGroupChoices(IReadOnlyList<Region> Regions, IReadOnlyList<(Region Region, string Group)> Covered, IReadOnlyList<Council> Councils)
{
    /// <summary>For a group (null for a new one): a new group is offered only the regions no other group covers.</summary>
    public static async Task<PeerGroupChoices> ForAsync(
        string kind, PeerGroup? group, PeerGroupStore store, CouncilDirectory directory, CancellationToken cancellationToken)
    {
        if (kind == PeerGroup.CouncilsKind)
        {
            var councils = (await directory.AllAsync(cancellationToken)).Where(c => c.CanSignUp).DistinctBy(c => c.Code)
                .OrderBy(c => c.OfficialName, StringComparer.OrdinalIgnoreCase).ToList();
            return new([], [], councils);
        }

        if (group is not null)
        {
            return new(Register.Regions.All, [], []);
        }

        var covered = (await store.AllAsync(cancellationToken))
            .SelectMany(g => g.Regions.Select(r => (Region: r, Group: g.Name)))
            .ToList();
        return new(Register.Regions.All.Where(r => covered.All(c => c.Region.Slug != r.Slug)).ToList(), covered.OrderBy(c => c.Region.Name, StringComparer.Ordinal).ToList(), []);
    }
}

public static class PeerGroupEndpoints
{
    private static readonly IReadOnlyList<string> FieldOrder =
        ["name", "regions", "councils", .. Enumerable.Range(0, PeerGroupEditor.MaxLeads).SelectMany(i => new[] { $"leads[{i}].name", $"leads[{i}].email" })];

    public static void MapConsolePeerGroups(this RouteGroupBuilder console)
    {
        console.MapGet("/peer-groups", ListAsync).AsPublicFunction("ConsolePeerGroups");
        console.MapGet("/peer-groups/new/{kind}", NewAsync).AsPublicFunction("ConsoleNewPeerGroup");
        console.MapPost("/peer-groups/new/{kind}", CreateAsync).AsPublicFunction("ConsoleNewPeerGroupCreate");
        console.MapGet("/peer-groups/{slug}", EditAsync).AsPublicFunction("ConsolePeerGroup");
        console.MapPost("/peer-groups/{slug}", SaveAsync).AsPublicFunction("ConsolePeerGroupSave");
    }

    private static async Task<IResult> ListAsync(string? saved, string? started, PeerGroupStore store, CancellationToken cancellationToken)
    {
        var groups = await store.AllAsync(cancellationToken);
        var success = groups.FirstOrDefault(g => g.Slug == started) is { } startedGroup
            ? $"{startedGroup.Name} was started, and its councils' contacts are being told"
            : groups.FirstOrDefault(g => g.Slug == saved) is { } savedGroup ? $"{savedGroup.Name} was saved" : null;
        return new ComponentParameters<PeerGroupsPage>()
            .Set(p => p.Groups, groups)
            .Set(p => p.Success, success)
            .Set(p => p.Started, groups.FirstOrDefault(g => g.Slug == started)?.Slug)
            .Result();
    }

    private static bool IsKind(string kind) => kind is PeerGroup.RegionsKind or PeerGroup.CouncilsKind;

    private static async Task<IResult> NewAsync(string kind, PeerGroupStore store, CouncilDirectory directory, CancellationToken cancellationToken) =>
        IsKind(kind)
            ? new ComponentParameters<NewPeerGroupPage>()
                .Set(p => p.Form, PeerGroupForm.Empty(kind))
                .Set(p => p.Choices, await PeerGroupChoices.ForAsync(kind, null, store, directory, cancellationToken))
                .Result()
            : ConsoleForms.NotFound("A peer group is started from regions or from a list of councils.");

    /// <summary>Creates through the same launcher as POST /api/admin/peer-groups: the same rules, the same announcement.</summary>
    private static async Task<IResult> CreateAsync(
        string kind, HttpContext context, PeerGroupStore store, CouncilDirectory directory, PeerGroupLauncher launcher, CancellationToken cancellationToken)
    {
        var posted = await context.Request.ReadFormAsync(cancellationToken);
        if (!IsKind(kind))
        {
            return ConsoleForms.NotFound("A peer group is started from regions or from a list of councils.");
        }

        var form = PeerGroupForm.From(posted, kind);
        var (group, errors) = await launcher.CreateAsync(null, form.ToRequest(), ConsoleForms.Actor, cancellationToken);
        if (group is null)
        {
            return new ComponentParameters<NewPeerGroupPage>()
                .Set(p => p.Form, form.ForRedisplay())
                .Set(p => p.Choices, await PeerGroupChoices.ForAsync(kind, null, store, directory, cancellationToken))
                .Set(p => p.Errors, FormErrors.From(errors.ToDictionary(), FieldOrder))
                .Result(StatusCodes.Status400BadRequest);
        }

        return TypedResults.Redirect($"/organiser/peer-groups?started={Uri.EscapeDataString(group.Slug)}");
    }

    private static async Task<IResult> EditAsync(string slug, PeerGroupStore store, CouncilDirectory directory, CancellationToken cancellationToken) =>
        await store.FindAsync(slug, cancellationToken) is { } group
            ? new ComponentParameters<PeerGroupPage>()
                .Set(p => p.Slug, slug)
                .Set(p => p.Form, PeerGroupForm.From(group))
                .Set(p => p.Choices, await PeerGroupChoices.ForAsync(group.Kind, group, store, directory, cancellationToken))
                .Result()
            : ConsoleForms.NotFound("There is no peer group at this address.");

    /// <summary>Saves through the same launcher as PUT /api/admin/peer-groups/{slug}: the same rules, the same audit entry, the same announcement.</summary>
    private static async Task<IResult> SaveAsync(
        string slug, HttpContext context, PeerGroupStore store, CouncilDirectory directory, PeerGroupLauncher launcher, CancellationToken cancellationToken)
    {
        var posted = await context.Request.ReadFormAsync(cancellationToken);

        if (await store.FindAsync(slug, cancellationToken) is not { } existing)
        {
            return ConsoleForms.NotFound("There is no peer group at this address.");
        }

        var form = PeerGroupForm.From(posted, existing.Kind);
        var (_, errors) = await launcher.SaveAsync(slug, form.ToRequest(), ConsoleForms.Actor, cancellationToken);
        if (!errors.IsValid)
        {
            return new ComponentParameters<PeerGroupPage>()
                .Set(p => p.Slug, slug)
                .Set(p => p.Form, form.ForRedisplay())
                .Set(p => p.Choices, await PeerGroupChoices.ForAsync(existing.Kind, existing, store, directory, cancellationToken))
                .Set(p => p.Errors, FormErrors.From(errors.ToDictionary(), FieldOrder))
                .Result(StatusCodes.Status400BadRequest);
        }

        return TypedResults.Redirect($"/organiser/peer-groups?saved={Uri.EscapeDataString(slug)}");
    }
}
