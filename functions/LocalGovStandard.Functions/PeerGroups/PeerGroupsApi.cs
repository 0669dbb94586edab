using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerGroups;

public static class PeerGroupsApi
{
    public static IServiceCollection AddPeerGroups(this IServiceCollection services) =>
        services.AddSingleton<PeerGroupStore>();

    public static void MapPeerGroups(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/peer-groups", ListAsync).AsPublicFunction("ListPeerGroups");
    }

    /// <summary>Public view: names and regions only. Leads are personal data and never appear here.</summary>
    private static async Task<Ok<IEnumerable<PeerGroupView>>> ListAsync(PeerGroupStore store, CancellationToken cancellationToken)
    {
        var groups = await store.AllAsync(cancellationToken);
        return TypedResults.Ok(groups.Select(g => new PeerGroupView(g.Slug, g.Name, g.Regions.Select(r => new RegionView(r.Slug, r.Name)).ToList())));
    }

    public sealed record PeerGroupView(string Slug, string Name, IReadOnlyList<RegionView> Regions);

    public sealed record RegionView(string Slug, string Name);
}
