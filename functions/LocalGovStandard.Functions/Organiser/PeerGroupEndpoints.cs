using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Organiser;

/// <summary>What the peer group form shows: the saved group, or what was just posted, plus one empty lead row to add a lead.</summary>
public sealed record PeerGroupForm(string Name, IReadOnlyList<string> Regions, IReadOnlyList<PeerGroupLeadRequest> Leads)
{
    public static PeerGroupForm From(PeerGroup group) =>
        new(group.Name, group.Regions.Select(r => r.Slug).ToList(), WithEmptyRow(group.Leads.Select(l => new PeerGroupLeadRequest(l.Name, l.Email))));

    public static PeerGroupForm From(IFormCollection form)
    {
        var leads = new List<PeerGroupLeadRequest>();
        for (var i = 0; i < PeerGroupEditor.MaxLeads + 1; i++)
        {
            leads.Add(new PeerGroupLeadRequest(form[$"leads[{i}].name"], form[$"leads[{i}].email"]));
        }

        return new(form["name"].ToString(), form["regions"].OfType<string>().ToList(), leads);
    }

    /// <summary>The leads to save: rows left wholly empty are dropped (that is how a lead is removed).</summary>
    public PeerGroupRequest ToRequest() =>
        new(Name, Regions, Leads.Where(l => !string.IsNullOrWhiteSpace(l.Name) || !string.IsNullOrWhiteSpace(l.Email)).ToList());

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

public static class PeerGroupEndpoints
{
    private static readonly IReadOnlyList<string> FieldOrder =
        ["name", "regions", .. Enumerable.Range(0, PeerGroupEditor.MaxLeads).SelectMany(i => new[] { $"leads[{i}].name", $"leads[{i}].email" })];

    public static void MapConsolePeerGroups(this RouteGroupBuilder console)
    {
        console.MapGet("/peer-groups", ListAsync).AsPublicFunction("ConsolePeerGroups");
        console.MapGet("/peer-groups/{slug}", EditAsync).AsPublicFunction("ConsolePeerGroup");
        console.MapPost("/peer-groups/{slug}", SaveAsync).AsPublicFunction("ConsolePeerGroupSave");
    }

    private static async Task<IResult> ListAsync(string? saved, PeerGroupStore store, CancellationToken cancellationToken)
    {
        var groups = await store.AllAsync(cancellationToken);
        return new ComponentParameters<PeerGroupsPage>()
            .Set(p => p.Groups, groups)
            .Set(p => p.Saved, groups.FirstOrDefault(g => g.Slug == saved)?.Name)
            .Result();
    }

    private static async Task<IResult> EditAsync(string slug, PeerGroupStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(slug, cancellationToken) is { } group
            ? new ComponentParameters<PeerGroupPage>().Set(p => p.Slug, slug).Set(p => p.Form, PeerGroupForm.From(group)).Result()
            : ConsoleForms.NotFound("There is no peer group at this address.");

    /// <summary>Saves through the same editor as PUT /api/admin/peer-groups/{slug}: the same rules, the same audit entry.</summary>
    private static async Task<IResult> SaveAsync(
        string slug, HttpContext context, PeerGroupStore store, PeerGroupEditor editor, CancellationToken cancellationToken)
    {
        var posted = await context.Request.ReadFormAsync(cancellationToken);

        if (await store.FindAsync(slug, cancellationToken) is null)
        {
            return ConsoleForms.NotFound("There is no peer group at this address.");
        }

        var form = PeerGroupForm.From(posted);
        var (_, errors) = await editor.SaveAsync(slug, form.ToRequest(), ConsoleForms.Actor, cancellationToken);
        if (!errors.IsValid)
        {
            return new ComponentParameters<PeerGroupPage>()
                .Set(p => p.Slug, slug)
                .Set(p => p.Form, form.ForRedisplay())
                .Set(p => p.Errors, FormErrors.From(errors.ToDictionary(), FieldOrder))
                .Result(StatusCodes.Status400BadRequest);
        }

        return TypedResults.Redirect($"/organiser/peer-groups?saved={Uri.EscapeDataString(slug)}");
    }
}
