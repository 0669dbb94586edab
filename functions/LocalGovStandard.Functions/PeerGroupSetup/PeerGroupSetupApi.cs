using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerGroupSetup;

/// <param name="Slug">The group's address, like kent-districts; left out, it is made from the name.</param>
/// <param name="Councils">Council codes for a group made from a list of councils; give regions or councils, not both.</param>
public sealed record NewPeerGroupRequest(
    string? Slug, string? Name, IReadOnlyList<string>? Regions, IReadOnlyList<string>? Councils, IReadOnlyList<PeerGroupLeadRequest>? Leads)
{
    public PeerGroupRequest ToRequest() => new(Name, Regions, Leads, Councils);
}

public static class PeerGroupSetupApi
{
    public static IServiceCollection AddPeerGroupSetup(this IServiceCollection services) =>
        services.AddSingleton<PeerGroupAnnouncement>().AddSingleton<PeerGroupLauncher>();

    public static void MapPeerGroupSetup(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        admin.MapPost("/peer-groups", CreateAsync).AsKeyedFunction("CreatePeerGroup");
        admin.MapPut("/peer-groups/{slug}", SaveAsync).AsKeyedFunction("SavePeerGroup");
    }

    private static async Task<Results<Created<PeerGroup>, BodyProblem, ValidationProblem>> CreateAsync(
        HttpRequest request, PeerGroupLauncher launcher, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<NewPeerGroupRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var slug = body!.Slug is null ? null : body.Slug.Trim();
        var (group, errors) = await launcher.CreateAsync(slug, body.ToRequest(), "organiser", cancellationToken);
        return group is null
            ? ApiErrors.ValidationProblem(errors.ToDictionary())
            : TypedResults.Created($"/api/admin/peer-groups/{Uri.EscapeDataString(group.Slug)}", group);
    }

    private static async Task<Results<Ok<PeerGroup>, BodyProblem, ValidationProblem>> SaveAsync(
        string slug, HttpRequest request, PeerGroupLauncher launcher, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PeerGroupRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (group, errors) = await launcher.SaveAsync(slug, body!, "organiser", cancellationToken);
        return group is null ? ApiErrors.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(group);
    }
}
