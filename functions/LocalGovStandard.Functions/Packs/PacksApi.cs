using Azure;
using LocalGovStandard.Events;
using LocalGovStandard.Packs.Pages;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Uploads;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PackResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<LocalGovStandard.Packs.PackView>,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem,
    LocalGovStandard.Platform.Validation.BodyProblem>;

namespace LocalGovStandard.Packs;

public sealed record AdoptPackRequest(string? PeerGroup);

/// <summary>
/// Content packs: the public library (published packs) and the organiser's routes under /api/admin to create, change,
/// publish, adopt and add files. Peer-group leads do the same through their pages (<see cref="PackPages"/>), over the same service.
/// </summary>
public static class PacksApi
{
    private const string OrganiserActor = "organiser";

    public static IServiceCollection AddPacks(this IServiceCollection services) =>
        services.AddSingleton<PackService>().AddSingleton<PackFacilitators>().AddSingleton<PackQueries>()
            .AddSingleton<IEventPacks, PacksForEvents>();

    public static void MapPacks(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        app.MapGet("/api/packs", ListPublishedAsync).AsPublicFunction("ListPublishedPacks");
        app.MapGet("/api/packs/{id}", GetPublishedAsync).AsPublicFunction("GetPublishedPack");
        admin.MapGet("/packs", ListAllAsync).AsKeyedFunction("ListPacks");
        admin.MapPost("/peer-groups/{slug}/packs", CreateAsync).AsKeyedFunction("CreatePack");
        admin.MapPut("/packs/{id}", EditAsync).AsKeyedFunction("EditPack");
        admin.MapPost("/packs/{id}/publish", PublishAsync).AsKeyedFunction("PublishPack");
        admin.MapPost("/packs/{id}/adopt", AdoptAsync).AsKeyedFunction("AdoptPack");
        admin.MapPost("/packs/{id}/files", UploadAsync).AsKeyedFunction("UploadPackFile")
            .WithMetadata(new RequestSizeLimitAttribute(PackFileForm.MaxRequestBytes));
        app.MapPackPages();
    }

    private static async Task<Ok<List<PackView>>> ListPublishedAsync(int? point, PackService packs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewsAsync(packs, PackFacilitator.Public, point, cancellationToken));

    private static async Task<Results<Ok<PackView>, ProblemHttpResult>> GetPublishedAsync(string id, PackService packs, CancellationToken cancellationToken)
    {
        var library = await packs.LibraryAsync(cancellationToken);
        return library.Find(id) is { IsPublished: true } pack
            ? TypedResults.Ok(PackView.From(pack, library, packs.Standard, PackFacilitator.Public))
            : NotFound();
    }

    private static async Task<Ok<List<PackView>>> ListAllAsync(int? point, PackService packs, PackFacilitators facilitators, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewsAsync(packs, await facilitators.OrganiserAsync(OrganiserActor, cancellationToken), point, cancellationToken));

    private static async Task<PackResult> CreateAsync(string slug, HttpRequest request, PackService packs, PackFacilitators facilitators, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PackRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var organiser = await facilitators.OrganiserAsync(OrganiserActor, cancellationToken);
        var result = await packs.CreateAsync(organiser, slug, body!, cancellationToken);
        return result.Failure == PackFailure.NotFound
            ? ApiErrors.Problem(ApiErrors.NotFound, "There is no peer group with that slug.")
            : await RespondAsync(request.HttpContext, result, packs, organiser, cancellationToken);
    }

    private static async Task<PackResult> EditAsync(string id, HttpRequest request, PackService packs, PackFacilitators facilitators, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PackRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var organiser = await facilitators.OrganiserAsync(OrganiserActor, cancellationToken);
        var ifMatch = request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } value ? new ETag(value) : (ETag?)null;
        return await RespondAsync(request.HttpContext, await packs.UpdateAsync(organiser, id, body!, ifMatch, cancellationToken), packs, organiser, cancellationToken);
    }

    private static async Task<PackResult> PublishAsync(string id, HttpContext context, PackService packs, PackFacilitators facilitators, CancellationToken cancellationToken)
    {
        var organiser = await facilitators.OrganiserAsync(OrganiserActor, cancellationToken);
        return await RespondAsync(context, await packs.PublishAsync(organiser, id, cancellationToken), packs, organiser, cancellationToken);
    }

    private static async Task<PackResult> AdoptAsync(string id, HttpRequest request, PackService packs, PackFacilitators facilitators, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AdoptPackRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var organiser = await facilitators.OrganiserAsync(OrganiserActor, cancellationToken);
        return await RespondAsync(request.HttpContext, await packs.AdoptAsync(organiser, id, body!.PeerGroup, cancellationToken), packs, organiser, cancellationToken);
    }

    private static async Task<Results<Ok<PackView>, ProblemHttpResult, ValidationProblem, BodyProblem>> UploadAsync(
        string id, HttpContext context, PackService packs, PackFacilitators facilitators, CancellationToken cancellationToken)
    {
        var (file, _, problem) = await PackFileForm.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return new BodyProblem(problem);
        }

        if (file is null)
        {
            return ApiErrors.FieldProblem("file", "Select a file");
        }

        var organiser = await facilitators.OrganiserAsync(OrganiserActor, cancellationToken);
        await using var content = file.OpenReadStream();
        var result = await packs.AddFileAsync(organiser, id, file.FileName, content, cancellationToken);
        return result.Failure == PackFailure.TooLarge
            ? new BodyProblem(UploadedFiles.TooLargeProblem())
            : await RespondAsync(context, result, packs, organiser, cancellationToken);
    }

    private static async Task<PackResult> RespondAsync(HttpContext context, PackWrite result, PackService packs, PackFacilitator viewer, CancellationToken cancellationToken)
    {
        if (result.Pack is not { } pack)
        {
            return result.Failure switch
            {
                PackFailure.NotFound => NotFound(),
                PackFailure.Changed => ApiErrors.Problem(ApiErrors.Conflict, "The pack changed since you read it. Read it again and make your change to the latest version. Nothing was saved."),
                _ => ApiErrors.ValidationProblem(result.Errors!.ToDictionary()),
            };
        }

        context.Response.Headers.ETag = pack.ETag;
        return TypedResults.Ok(PackView.From(pack, await packs.LibraryAsync(cancellationToken), packs.Standard, viewer));
    }

    private static async Task<List<PackView>> ViewsAsync(PackService packs, PackFacilitator viewer, int? point, CancellationToken cancellationToken)
    {
        var library = await packs.LibraryAsync(cancellationToken);
        return library.All
            .Where(p => viewer.CanSee(p) && (point is null || p.Points.Contains(point.Value)))
            .Select(p => PackView.From(p, library, packs.Standard, viewer))
            .ToList();
    }

    private static ProblemHttpResult NotFound() => ApiErrors.Problem(ApiErrors.NotFound, "There is no pack with that id.");
}
