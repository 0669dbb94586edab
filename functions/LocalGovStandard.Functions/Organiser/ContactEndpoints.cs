using System.Text.Json;
using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Privacy;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Organiser;

/// <summary>Sign-ups and contacts, and a contact's UK GDPR requests: the same services as the admin API.</summary>
public static class ContactEndpoints
{
    private const string Contact = "/contacts/{councilCode}/{reference}";
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public static void MapConsoleContacts(this RouteGroupBuilder console)
    {
        console.MapGet("/signups", ListAsync).AsPublicFunction("ConsoleSignups");
        console.MapGet(Contact, ShowAsync).AsPublicFunction("ConsoleContact");
        console.MapGet(Contact + "/personal-data", ExportAsync).AsPublicFunction("ConsoleContactExport");
        console.MapGet(Contact + "/erase", ConfirmEraseAsync).AsPublicFunction("ConsoleContactErase");
        console.MapPost(Contact + "/erase", EraseAsync).AsPublicFunction("ConsoleContactEraseSubmit");
    }

    private static async Task<IResult> ListAsync(string? peerGroup, PeerGroupStore peerGroups, SignupQueries queries, CancellationToken cancellationToken)
    {
        var groups = await peerGroups.AllAsync(cancellationToken);
        var choices = groups.Select(g => new Choice(g.Slug, g.Name)).ToList();
        var errors = new FormErrors();
        var group = string.IsNullOrWhiteSpace(peerGroup) ? null : groups.FirstOrDefault(g => g.Slug == peerGroup);
        if (!string.IsNullOrWhiteSpace(peerGroup) && group is null)
        {
            errors.Add("peerGroup", "Choose a peer group from the list");
        }

        var councils = errors.Any ? [] : await queries.InGroupAsync(group, cancellationToken);
        return new ComponentParameters<SignupsPage>()
            .Set(p => p.Councils, councils)
            .Set(p => p.PeerGroups, choices)
            .Set(p => p.PeerGroup, peerGroup)
            .Set(p => p.Errors, errors)
            .Result(errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ShowAsync(string councilCode, string reference, ContactFinder finder, CancellationToken cancellationToken) =>
        await finder.FindAsync(councilCode, reference, cancellationToken) is { Contact: { } contact }
            ? new ComponentParameters<ContactPage>().Set(p => p.Contact, contact).Result()
            : ContactNotFound();

    private static async Task<IResult> ExportAsync(
        string councilCode, string reference, ContactFinder finder, PersonalData personalData, CancellationToken cancellationToken)
    {
        if (await finder.FindAsync(councilCode, reference, cancellationToken) is not { Contact: not null } location)
        {
            return ContactNotFound();
        }

        var export = await personalData.ExportAsync(location, ConsoleForms.Actor, cancellationToken);
        var json = JsonSerializer.SerializeToUtf8Bytes(export, ExportJson);
        return TypedResults.File(json, "application/json", $"personal-data-{reference}.json");
    }

    private static async Task<IResult> ConfirmEraseAsync(string councilCode, string reference, ContactFinder finder, CancellationToken cancellationToken) =>
        await finder.FindAsync(councilCode, reference, cancellationToken) is { Contact: { } contact }
            ? new ComponentParameters<EraseContactPage>().Set(p => p.Contact, contact).Result()
            : ContactNotFound();

    private static async Task<IResult> EraseAsync(
        string councilCode, string reference, HttpContext context, ContactFinder finder, PersonalData personalData,
        CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);

        if (await finder.FindAsync(councilCode, reference, cancellationToken) is not { } location)
        {
            return ContactNotFound();
        }

        if (location.Contact is { } contact && form["confirm"] != "true")
        {
            var errors = new FormErrors();
            errors.Add("confirm", $"Confirm that {contact.ContactName} asked to be erased");
            return new ComponentParameters<EraseContactPage>()
                .Set(p => p.Contact, contact)
                .Set(p => p.Errors, errors)
                .Result(StatusCodes.Status400BadRequest);
        }

        var outcome = await personalData.EraseAsync(location, ConsoleForms.Actor, cancellationToken);
        return new ComponentParameters<ErasedPage>().Set(p => p.Outcome, outcome).Result();
    }

    private static RazorComponentResult ContactNotFound() =>
        ConsoleForms.NotFound("There is no contact with that council and reference. An erased contact cannot be found again.");
}
