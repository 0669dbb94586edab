using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerGroups;

public static class PeerGroupsApi
{
    public static IServiceCollection AddPeerGroups(this IServiceCollection services) =>
        services.AddSingleton<PeerGroupStore>().AddSingleton<PeerGroupEditor>().AddPersonalDataHolder<PeerGroupLeadPersonalData>();

    public static void MapPeerGroups(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        app.MapGet("/api/peer-groups", ListAsync).AsPublicFunction("ListPeerGroups");
        admin.MapGet("/peer-groups", async (PeerGroupStore store, CancellationToken cancellationToken) =>
            TypedResults.Ok(await store.AllAsync(cancellationToken))).AsKeyedFunction("ListPeerGroupsWithLeads");
    }

    /// <summary>Public view: names, regions and councils only. Leads are personal data and never appear here.</summary>
    private static async Task<Ok<IEnumerable<PeerGroupView>>> ListAsync(PeerGroupStore store, CancellationToken cancellationToken)
    {
        var groups = await store.AllAsync(cancellationToken);
        return TypedResults.Ok(groups.Select(g => new PeerGroupView(
            g.Slug, g.Name, g.Kind, g.Regions.Select(r => new RegionView(r.Slug, r.Name)).ToList(), g.Councils.Select(c => new CouncilView(c.GssCode, c.Name)).ToList())));
    }

    public sealed record PeerGroupView(string Slug, string Name, string Kind, IReadOnlyList<RegionView> Regions, IReadOnlyList<CouncilView> Councils);

    public sealed record RegionView(string Slug, string Name);

    public sealed record CouncilView(string GssCode, string Name);
}
