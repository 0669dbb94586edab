using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Organiser;
using LocalGovStandard.Packs.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Uploads;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Packs;

/// <summary>
/// The pack pages: the public library and each pack's page (a draft only for its facilitators), and the facilitators'
/// pages to create, change, add files to, publish and adopt packs, mapped twice over the same handlers: for leads (the
/// contact session, only for the groups they lead; any other group is not found) and in the organiser console.
/// </summary>
public static class PackPages
{
    public static void MapPackPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/peer-groups/packs", LibraryAsync).AsPublicFunction("PackLibrary");
        app.MapGet("/peer-groups/packs/{id}", PackAsync).AsPublicFunction("PackPage");
        app.MapGet("/peer-groups/packs/{id}/files/{fileId}", (string id, string fileId, HttpContext context, PackService packs, PackFacilitators facilitators) =>
                DownloadAsync(PackDoor.Lead, id, fileId, context, packs, facilitators))
            .AsPublicFunction("DownloadPackFile")
            .WithSecurityHeadersPolicy(SecurityHeaders.DownloadPolicy);
        MapFacilitatorPages(app.MapGroup("/peer-groups/{slug}/packs").RequireAuthorization(ContactSession.Policy).RequireValidForms(), PackDoor.Lead, "Lead");

        var console = app.MapGroup("/organiser").RequireAuthorization(OrganiserSession.Policy).RequireValidForms().WithTags("Console");
        console.MapGet("/packs", (int? point, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            LibraryPageAsync(PackDoor.Organiser, point, context, packs, facilitators)).AsPublicFunction("ConsolePacks");
        console.MapGet("/packs/{id}", (string id, string? done, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            PackPageAsync(PackDoor.Organiser, id, done, context, packs, facilitators)).AsPublicFunction("ConsolePack");
        console.MapGet("/packs/{id}/files/{fileId}", (string id, string fileId, HttpContext context, PackService packs, PackFacilitators facilitators) =>
                DownloadAsync(PackDoor.Organiser, id, fileId, context, packs, facilitators))
            .AsPublicFunction("ConsoleDownloadPackFile")
            .WithSecurityHeadersPolicy(SecurityHeaders.DownloadPolicy);
        MapFacilitatorPages(console.MapGroup("/peer-groups/{slug}/packs"), PackDoor.Organiser, "Console");
    }

    private static void MapFacilitatorPages(RouteGroupBuilder group, PackDoor door, string prefix)
    {
        group.MapGet("", (string slug, string? done, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            GroupPacksAsync(door, slug, done, context, packs, facilitators)).AsPublicFunction($"{prefix}GroupPacks");
        group.MapGet("/new", (string slug, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            NewAsync(door, slug, context, packs, facilitators)).AsPublicFunction($"{prefix}NewPack");
        group.MapPost("/new", (string slug, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            CreateAsync(door, slug, context, packs, facilitators)).AsPublicFunction($"{prefix}CreatePack");
        group.MapPost("/adopt", (string slug, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            AdoptAsync(door, slug, context, packs, facilitators)).AsPublicFunction($"{prefix}AdoptPack");
        group.MapGet("/{id}", (string slug, string id, string? done, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            EditAsync(door, slug, id, done, context, packs, facilitators)).AsPublicFunction($"{prefix}EditPack");
        group.MapPost("/{id}", (string slug, string id, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            SaveAsync(door, slug, id, context, packs, facilitators)).AsPublicFunction($"{prefix}SavePack");
        group.MapPost("/{id}/files", (string slug, string id, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            UploadAsync(door, slug, id, context, packs, facilitators))
            .AsPublicFunction($"{prefix}UploadPackFile")
            .WithMetadata(new RequestSizeLimitAttribute(PackFileForm.MaxRequestBytes));
        group.MapPost("/{id}/publish", (string slug, string id, HttpContext context, PackService packs, PackFacilitators facilitators) =>
            PublishAsync(door, slug, id, context, packs, facilitators)).AsPublicFunction($"{prefix}PublishPack");
    }

    private static async Task<IResult> LibraryAsync(int? point, HttpContext context, PackService packs, PackFacilitators facilitators) =>
        await LibraryPageAsync(PackDoor.Lead, point, context, packs, facilitators);

    private static async Task<IResult> LibraryPageAsync(PackDoor door, int? point, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        var viewer = await ViewerAsync(door, context, facilitators);
        var library = await packs.LibraryAsync(context.RequestAborted);
        var shown = library.All.Where(p => (door.Console || p.IsPublished) && (point is null || p.Points.Contains(point.Value))).ToList();
        return new ComponentParameters<PackLibraryPage>()
            .Set(p => p.Door, door)
            .Set(p => p.Library, library)
            .Set(p => p.Packs, shown)
            .Set(p => p.Point, point)
            .Set(p => p.Standard, packs.Standard)
            .Set(p => p.Viewer, viewer)
            .Result();
    }

    private static async Task<IResult> PackAsync(string id, string? done, HttpContext context, PackService packs, PackFacilitators facilitators) =>
        await PackPageAsync(PackDoor.Lead, id, done, context, packs, facilitators);

    private static async Task<IResult> PackPageAsync(PackDoor door, string id, string? done, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        var viewer = await ViewerAsync(door, context, facilitators);
        var library = await packs.LibraryAsync(context.RequestAborted);
        if (library.Find(id) is not { } pack || !viewer.CanSee(pack))
        {
            return NotFound(door);
        }

        return new ComponentParameters<PackPage>()
            .Set(p => p.Door, door)
            .Set(p => p.Pack, pack)
            .Set(p => p.Library, library)
            .Set(p => p.Standard, packs.Standard)
            .Set(p => p.Viewer, viewer)
            .Set(p => p.Done, PackText.Done(done))
            .Result();
    }

    private static async Task<Results<FileStreamHttpResult, RazorComponentResult>> DownloadAsync(
        PackDoor door, string id, string fileId, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        if (await packs.OpenFileAsync(await ViewerAsync(door, context, facilitators), id, fileId, context.RequestAborted) is not { } download)
        {
            return NotFound(door);
        }

        // Content-Security-Policy, Cache-Control and nosniff come from SecurityHeaders.DownloadPolicy.
        return TypedResults.Stream(download.Content, download.File.ContentType, download.File.FileName);
    }

    private static async Task<IResult> GroupPacksAsync(PackDoor door, string slug, string? done, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        if (await GroupAsync(door, slug, context, facilitators) is not { } group)
        {
            return NotFound(door);
        }

        var library = await packs.LibraryAsync(context.RequestAborted);
        return new ComponentParameters<GroupPacksPage>()
            .Set(p => p.Door, door)
            .Set(p => p.Group, group)
            .Set(p => p.Packs, library.All.Where(p => p.GroupSlug == slug).ToList())
            .Set(p => p.Done, PackText.Done(done))
            .Result();
    }

    private static async Task<IResult> NewAsync(PackDoor door, string slug, HttpContext context, PackService packs, PackFacilitators facilitators) =>
        await GroupAsync(door, slug, context, facilitators) is { } group
            ? FormPage(door, group, null, PackForm.Empty, packs, new FormErrors(), StatusCodes.Status200OK)
            : NotFound(door);

    private static async Task<IResult> CreateAsync(PackDoor door, string slug, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        var facilitator = await door.FacilitatorAsync(context, facilitators);
        var form = PackForm.From(await context.Request.ReadFormAsync(context.RequestAborted));
        var result = await packs.CreateAsync(facilitator, slug, form.ToRequest(), context.RequestAborted);
        if (result.Pack is { } pack)
        {
            return TypedResults.Redirect($"{door.EditPack(slug, pack.Id)}?done=created");
        }

        return result.Failure == PackFailure.NotFound
            ? NotFound(door)
            : FormPage(door, facilitator.Groups.First(g => g.Slug == slug), null, form, packs, Errors(result), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> EditAsync(PackDoor door, string slug, string id, string? done, HttpContext context, PackService packs, PackFacilitators facilitators) =>
        await OwnPackAsync(door, slug, id, context, packs, facilitators) is var (group, pack)
            ? FormPage(door, group, pack, PackForm.From(pack), packs, new FormErrors(), StatusCodes.Status200OK, PackText.Done(done))
            : NotFound(door);

    private static async Task<IResult> SaveAsync(PackDoor door, string slug, string id, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        if (await OwnPackAsync(door, slug, id, context, packs, facilitators) is not var (group, pack))
        {
            return NotFound(door);
        }

        var posted = await context.Request.ReadFormAsync(context.RequestAborted);
        var form = PackForm.From(posted);
        var etag = posted["etag"].ToString();
        var facilitator = await door.FacilitatorAsync(context, facilitators);
        var result = await packs.UpdateAsync(facilitator, id, form.ToRequest(), new ETag(etag.Length == 0 ? pack.ETag : etag), context.RequestAborted);
        return result switch
        {
            { Pack: not null } => TypedResults.Redirect($"{door.EditPack(slug, id)}?done=saved"),
            { Failure: PackFailure.NotFound } => NotFound(door),
            { Failure: PackFailure.Changed } => FormPage(door, group, pack, form, packs, PackText.ChangedErrors("title"), StatusCodes.Status409Conflict),
            _ => FormPage(door, group, pack, form, packs, Errors(result), StatusCodes.Status400BadRequest),
        };
    }

    private static async Task<IResult> UploadAsync(PackDoor door, string slug, string id, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        if (await OwnPackAsync(door, slug, id, context, packs, facilitators) is not var (group, pack))
        {
            return NotFound(door);
        }

        var (file, _, problem) = await PackFileForm.ReadAsync(context.Request, context.RequestAborted);
        if (problem is not null || file is not { Length: > 0 })
        {
            var missing = new FormErrors();
            missing.Add("file", problem is null ? "Select a file to upload" : $"The file could not be read. Select a file of {UploadedFiles.AllowedTypesText}, 10 MB or smaller, and try again");
            return FormPage(door, group, pack, PackForm.From(pack), packs, missing, StatusCodes.Status400BadRequest);
        }

        var facilitator = await door.FacilitatorAsync(context, facilitators);
        await using var content = file.OpenReadStream();
        var result = await packs.AddFileAsync(facilitator, id, file.FileName, content, context.RequestAborted);
        return result switch
        {
            { Pack: not null } => TypedResults.Redirect($"{door.EditPack(slug, id)}?done=uploaded"),
            { Failure: PackFailure.NotFound } => NotFound(door),
            { Failure: PackFailure.Changed } => FormPage(door, group, pack, PackForm.From(pack), packs, PackText.ChangedErrors("file"), StatusCodes.Status409Conflict),
            _ => FormPage(door, group, pack, PackForm.From(pack), packs, FormErrors.From(result.Errors!.ToDictionary(), PackForm.FieldOrder), StatusCodes.Status400BadRequest),
        };
    }

    private static async Task<IResult> PublishAsync(PackDoor door, string slug, string id, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        if (await OwnPackAsync(door, slug, id, context, packs, facilitators) is null)
        {
            return NotFound(door);
        }

        var result = await packs.PublishAsync(await door.FacilitatorAsync(context, facilitators), id, context.RequestAborted);
        return result.Pack is null ? NotFound(door) : TypedResults.Redirect($"{door.ViewPack(id)}?done=published");
    }

    private static async Task<IResult> AdoptAsync(PackDoor door, string slug, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        var facilitator = await door.FacilitatorAsync(context, facilitators);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!facilitator.Facilitates(slug))
        {
            return NotFound(door);
        }

        var result = await packs.AdoptAsync(facilitator, form["packId"].ToString(), slug, context.RequestAborted);
        if (result.Pack is { } copy)
        {
            return TypedResults.Redirect($"{door.EditPack(slug, copy.Id)}?done=adopted");
        }

        return result.Failure == PackFailure.NotFound
            ? NotFound(door)
            : new ComponentParameters<ErrorPage>()
                .Set(p => p.Heading, "The pack could not be adopted")
                .Set(p => p.Detail, string.Join(". ", result.Errors!.ToDictionary().Values.SelectMany(v => v)) + ". Nothing was copied.")
                .Result(StatusCodes.Status400BadRequest);
    }

    private static Task<PackFacilitator> ViewerAsync(PackDoor door, HttpContext context, PackFacilitators facilitators) =>
        door.Console ? door.FacilitatorAsync(context, facilitators) : PackDoor.VisitorAsync(context, facilitators);

    private static async Task<PeerGroup?> GroupAsync(PackDoor door, string slug, HttpContext context, PackFacilitators facilitators) =>
        (await door.FacilitatorAsync(context, facilitators)).Groups.FirstOrDefault(g => g.Slug == slug);

    /// <summary>The group and its pack, when the facilitator facilitates the group and the pack is that group's.</summary>
    private static async Task<(PeerGroup Group, Pack Pack)?> OwnPackAsync(
        PackDoor door, string slug, string id, HttpContext context, PackService packs, PackFacilitators facilitators)
    {
        var facilitator = await door.FacilitatorAsync(context, facilitators);
        if (facilitator.Groups.FirstOrDefault(g => g.Slug == slug) is not { } group)
        {
            return null;
        }

        return await packs.FindAsync(facilitator, id, context.RequestAborted) is { } pack && pack.GroupSlug == slug ? (group, pack) : null;
    }

    private static RazorComponentResult FormPage(
        PackDoor door, PeerGroup group, Pack? pack, PackForm form, PackService packs, FormErrors errors, int status, string? done = null) =>
        new ComponentParameters<PackFormPage>()
            .Set(p => p.Door, door)
            .Set(p => p.Group, group)
            .Set(p => p.Pack, pack)
            .Set(p => p.Form, form)
            .Set(p => p.Standard, packs.Standard)
            .Set(p => p.Errors, errors)
            .Set(p => p.Done, done)
            .Result(status);

    private static FormErrors Errors(PackWrite result) => FormErrors.From(result.Errors!.ToDictionary(), PackForm.FieldOrder);

    private static RazorComponentResult NotFound(PackDoor door) =>
        new ComponentParameters<ErrorPage>()
            .Set(p => p.Heading, "Page not found")
            .Set(p => p.Detail, door.Console ? "There is no pack or peer group at this address." : "There is no pack at this address, or it has not been published.")
            .Result(StatusCodes.Status404NotFound);
}
