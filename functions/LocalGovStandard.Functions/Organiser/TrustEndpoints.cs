using System.Text;
using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Organiser;

/// <summary>Who may act for a council, in the console: contacts waiting for approval, a contact's standing, councils' domains.</summary>
public static class TrustEndpoints
{
    public static void MapConsoleTrust(this RouteGroupBuilder console)
    {
        console.MapGet("/approvals", ApprovalsAsync).AsPublicFunction("ConsoleApprovals");
        console.MapPost("/approvals", AnswerApprovalsAsync).AsPublicFunction("ConsoleApprovalsAnswer");
        console.MapPost("/contacts/{councilCode}/{reference}/standing", ChangeStandingAsync).AsPublicFunction("ConsoleContactStanding");
        console.MapGet("/domains", DomainsAsync).AsPublicFunction("ConsoleDomains");
        console.MapPost("/domains", ImportDomainsAsync)
            .AsPublicFunction("ConsoleDomainsImport")
            .WithMetadata(new RequestSizeLimitAttribute(RegisterImporter.MaxCsvBytes + 64 * 1024));
        console.MapGet("/domains/council", FindCouncilAsync).AsPublicFunction("ConsoleDomainsFindCouncil");
        console.MapGet("/domains/{gssCode}", CouncilDomainsAsync).AsPublicFunction("ConsoleCouncilDomains");
        console.MapPost("/domains/{gssCode}", SaveCouncilDomainsAsync).AsPublicFunction("ConsoleCouncilDomainsSave");
    }

    private static async Task<RazorComponentResult> ApprovalsAsync(ContactApprovals approvals, CancellationToken cancellationToken) =>
        await ApprovalsPageAsync(approvals, done: null, new FormErrors(), cancellationToken);

    private static async Task<IResult> AnswerApprovalsAsync(
        HttpContext context, ContactApprovals approvals, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var action = form["action"].ToString();
        var waiting = await approvals.WaitingAsync(Regions.All.Select(r => r.Slug), cancellationToken);
        // "Everyone on this list" is the people the page showed, not whoever has arrived since.
        var picked = action == "approve-all" ? form["listed"] : form["contact"];
        var chosen = waiting.Where(c => picked.Contains($"{c.GssCode}/{c.Reference}")).ToList();
        if (action is not ("approve" or "decline" or "approve-all") || chosen.Count == 0)
        {
            var errors = new FormErrors();
            errors.Add("contact", "Select at least one person to approve or decline");
            var page = await ApprovalsPageAsync(approvals, done: null, errors, cancellationToken);
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        var changed = 0;
        foreach (var contact in chosen)
        {
            var outcome = action == "decline"
                ? await approvals.DeclineAsync(contact, ConsoleForms.Actor, cancellationToken)
                : await approvals.ApproveAsync(contact, ConsoleForms.Actor, form["addDomain"] == "true", cancellationToken);
            changed += outcome.Result == ApprovalResult.NothingToDo ? 0 : 1 + outcome.AlsoApproved;
        }

        var done = $"{changed} {(changed == 1 ? "person was" : "people were")} {(action == "decline" ? "declined" : "approved")}. We have emailed them.";
        if (action != "decline" && form["addDomain"] == "true")
        {
            var added = chosen.Select(c => EmailAddresses.DomainOf(c.ContactEmail)).Distinct(StringComparer.Ordinal);
            done += $" Their councils' domains now include {string.Join(", ", added)}.";
        }

        return await ApprovalsPageAsync(approvals, done, new FormErrors(), cancellationToken);
    }

    private static async Task<IResult> ChangeStandingAsync(
        string councilCode, string reference, HttpContext context, ContactApprovals approvals, SignupQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(councilCode, reference, cancellationToken) is not { } contact)
        {
            return ConsoleForms.NotFound("There is no contact with that council and reference.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        string done;
        switch (form["action"].ToString())
        {
            case "approve":
                await approvals.ApproveAsync(contact, ConsoleForms.Actor, addDomain: false, cancellationToken);
                done = $"{contact.ContactName} can now act for {contact.CouncilName}. We have emailed them.";
                break;
            case "decline":
                await approvals.DeclineAsync(contact, ConsoleForms.Actor, cancellationToken);
                done = $"{contact.ContactName} cannot act for {contact.CouncilName}, and any session they had has ended. We have emailed them.";
                break;
            case "sign-out":
                await approvals.EndSessionsAsync(contact.PartitionKey, contact.RowKey, ConsoleForms.Actor, "contact.signed-out-everywhere", cancellationToken);
                done = $"{contact.ContactName} is signed out everywhere. They can sign in again with a new link.";
                break;
            default:
                return ConsoleForms.NotFound("Choose one of the buttons on the contact's page.");
        }

        var changed = await queries.FindAsync(councilCode, reference, cancellationToken);
        return new ComponentParameters<ContactPage>().Set(p => p.Contact, changed ?? contact).Set(p => p.Done, done).Result();
    }

    private static async Task<RazorComponentResult> DomainsAsync(CouncilDirectory directory, CancellationToken cancellationToken) =>
        await DomainsPageAsync(directory, result: null, new FormErrors(), cancellationToken);

    private static async Task<IResult> ImportDomainsAsync(
        HttpContext context, CouncilDirectory directory, CouncilDomainImport import, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("domains");
        var errors = new FormErrors();
        if (file is null || file.Length == 0)
        {
            errors.Add("domains", "Select the domains file (CSV)");
        }
        else if (!file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("domains", "The selected file must be a CSV");
        }

        if (errors.Any)
        {
            var page = await DomainsPageAsync(directory, result: null, errors, cancellationToken);
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        using var reader = new StreamReader(file!.OpenReadStream(), Encoding.UTF8);
        var result = await import.ImportAndApproveAsync(reader, ConsoleForms.Actor, cancellationToken);
        return await DomainsPageAsync(directory, result, new FormErrors(), cancellationToken);
    }

    private static async Task<IResult> FindCouncilAsync(string? gssCode, CouncilDirectory directory, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(gssCode) && await directory.FindByCodeAsync(gssCode, cancellationToken) is { } council)
        {
            return TypedResults.Redirect($"/organiser/domains/{council.GssCode}");
        }

        var errors = new FormErrors();
        errors.Add("gssCode", "Choose a council from the list");
        var page = await DomainsPageAsync(directory, result: null, errors, cancellationToken);
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private static async Task<IResult> CouncilDomainsAsync(string gssCode, CouncilDirectory directory, CouncilDomains domains, CancellationToken cancellationToken) =>
        await directory.FindByCodeAsync(gssCode, cancellationToken) is { } council
            ? new ComponentParameters<CouncilDomainsPage>()
                .Set(p => p.Council, council)
                .Set(p => p.Text, string.Join('\n', await domains.ForCouncilAsync(council.GssCode, cancellationToken)))
                .Result()
            : CouncilNotFound();

    private static async Task<IResult> SaveCouncilDomainsAsync(
        string gssCode, HttpContext context, CouncilDirectory directory, CouncilDomains domains, ContactApprovals approvals, CancellationToken cancellationToken)
    {
        if (await directory.FindByCodeAsync(gssCode, cancellationToken) is not { } council)
        {
            return CouncilNotFound();
        }

        var text = (await context.Request.ReadFormAsync(cancellationToken))["domains"].ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (parsed, fieldErrors) = domains.ParseAll(lines);
        if (!fieldErrors.IsValid)
        {
            var errors = new FormErrors();
            errors.Add("domains", fieldErrors.ToDictionary().Values.First()[0]);
            return new ComponentParameters<CouncilDomainsPage>()
                .Set(p => p.Council, council)
                .Set(p => p.Text, text)
                .Set(p => p.Errors, errors)
                .Result(StatusCodes.Status400BadRequest);
        }

        var change = await domains.ReplaceAsync(council.GssCode, parsed, ConsoleForms.Actor, cancellationToken);
        var approved = await approvals.ApproveOnDomainsAsync(council, change.Added, ConsoleForms.Actor, cancellationToken);
        var done = $"Saved: {change.Added.Count} added, {change.Removed.Count} removed, {approved} {(approved == 1 ? "person" : "people")} waiting approved.";
        return new ComponentParameters<CouncilDomainsPage>()
            .Set(p => p.Council, council)
            .Set(p => p.Text, string.Join('\n', parsed))
            .Set(p => p.Done, done)
            .Result();
    }

    private static async Task<RazorComponentResult> ApprovalsPageAsync(
        ContactApprovals approvals, string? done, FormErrors errors, CancellationToken cancellationToken)
    {
        var rows = await approvals.WaitingWithDomainsAsync(cancellationToken);
        return new ComponentParameters<ApprovalsPage>()
            .Set(p => p.Waiting, rows)
            .Set(p => p.Done, done)
            .Set(p => p.Errors, errors)
            .Result();
    }

    private static async Task<RazorComponentResult> DomainsPageAsync(
        CouncilDirectory directory, DomainsImported? result, FormErrors errors, CancellationToken cancellationToken)
    {
        var councils = (await directory.AllAsync(cancellationToken))
            .Where(c => c.CanSignUp)
            .Select(c => new Choice(c.Code, c.OfficialName))
            .ToList();
        return new ComponentParameters<DomainsPage>()
            .Set(p => p.Councils, councils)
            .Set(p => p.Result, result)
            .Set(p => p.Errors, errors)
            .Result();
    }

    private static RazorComponentResult CouncilNotFound() =>
        ConsoleForms.NotFound("There is no council with that GSS code in the register.");
}
