using System.Security.Claims;
using LocalGovStandard.Access;
using LocalGovStandard.Organiser;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace LocalGovStandard.Packs;

/// <summary>
/// The way a facilitator came in: a lead's pages (the contact session; group pages under /peer-groups/{slug}/packs) or the
/// organiser's console (group pages under /organiser/peer-groups/{slug}/packs). The pages are the same; the links and the
/// layout follow the door.
/// </summary>
public sealed record PackDoor(bool Console, string GroupsPath, string LibraryPath)
{
    public static readonly PackDoor Lead = new(false, "/peer-groups", "/peer-groups/packs");
    public static readonly PackDoor Organiser = new(true, "/organiser/peer-groups", "/organiser/packs");

    public string GroupPacks(string slug) => $"{GroupsPath}/{slug}/packs";

    public string NewPack(string slug) => $"{GroupPacks(slug)}/new";

    public string EditPack(string slug, string id) => $"{GroupPacks(slug)}/{id}";

    public string Adopt(string slug) => $"{GroupPacks(slug)}/adopt";

    public string ViewPack(string id) => $"{LibraryPath}/{id}";

    public string FilePath(string id, string fileId) => $"{LibraryPath}/{id}/files/{fileId}";

    public Task<PackFacilitator> FacilitatorAsync(HttpContext context, PackFacilitators facilitators) =>
        Console ? facilitators.OrganiserAsync(ConsoleForms.Actor, context.RequestAborted) : facilitators.ContactAsync(context.User, context.RequestAborted);

    /// <summary>On the public pages: the signed-in lead, if there is one whose session is current; anyone else is the public.</summary>
    public static async Task<PackFacilitator> VisitorAsync(HttpContext context, PackFacilitators facilitators)
    {
        var session = await context.AuthenticateAsync(ContactSession.Scheme);
        if (session.Principal is not ClaimsPrincipal user)
        {
            return PackFacilitator.Public;
        }

        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(user, context, ContactSession.Policy)).Succeeded
            ? await facilitators.ContactAsync(user, context.RequestAborted)
            : PackFacilitator.Public;
    }
}
