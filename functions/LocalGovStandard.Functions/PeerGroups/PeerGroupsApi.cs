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
        admin.MapPut("/peer-groups/{slug}", SaveAsync).AsKeyedFunction("SavePeerGroup");
    }

    private static async Task<Results<Ok<PeerGroup>, BodyProblem, ValidationProblem>> SaveAsync(string slug, HttpRequest request, PeerGroupEditor editor, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PeerGroupRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (group, errors) = await editor.SaveAsync(slug, body!, "organiser", cancellationToken);
        return group is null ? ApiErrors.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(group);
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
