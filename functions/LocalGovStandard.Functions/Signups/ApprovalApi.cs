using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Register;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Signups;

/// <summary>The organiser's API for who may act for a council: those waiting, approve, decline or withdraw, sign out everywhere.</summary>
public static class ApprovalApi
{
    public const string ApiActor = "organiser";

    public static void MapApprovalApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/contacts/awaiting-approval", ListWaitingAsync).AsKeyedFunction("ListContactsAwaitingApproval");
        admin.MapPost("/contacts/{councilCode}/{reference}/approve", ApproveAsync).AsKeyedFunction("ApproveContact");
        admin.MapPost("/contacts/{councilCode}/{reference}/decline", DeclineAsync).AsKeyedFunction("DeclineContact");
        admin.MapPost("/contacts/{councilCode}/{reference}/sign-out", SignOutEverywhereAsync).AsKeyedFunction("SignOutContactEverywhere");
    }

    public sealed record WaitingContact(
        string CouncilCode, string CouncilName, string Reference, string ContactName, string ContactEmail, string JobTitle,
        DateTimeOffset? ConfirmedAt, IReadOnlyList<string> CouncilDomains);

    public sealed record ApprovalResponse(string CouncilCode, string Reference, string Status, bool Changed, string? DomainAdded, int AlsoApproved);

    private static async Task<Ok<IReadOnlyList<WaitingContact>>> ListWaitingAsync(ContactApprovals approvals, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WaitingContact>>((await approvals.WaitingWithDomainsAsync(cancellationToken))
            .Select(w => new WaitingContact(w.Contact.GssCode, w.Contact.CouncilName, w.Contact.Reference, w.Contact.ContactName, w.Contact.ContactEmail,
                w.Contact.JobTitle, w.Contact.VerifiedAt, w.CouncilDomains))
            .ToList());

    private static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> ApproveAsync(
        string councilCode, string reference, bool? addDomain, ContactApprovals approvals, SignupQueries queries,
        CancellationToken cancellationToken) =>
        await queries.FindAsync(councilCode, reference, cancellationToken) is { } contact
            ? Respond(await approvals.ApproveAsync(contact, ApiActor, addDomain == true, cancellationToken))
            : ContactNotFound();

    private static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> DeclineAsync(
        string councilCode, string reference, ContactApprovals approvals, SignupQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(councilCode, reference, cancellationToken) is { } contact
            ? Respond(await approvals.DeclineAsync(contact, ApiActor, cancellationToken))
            : ContactNotFound();

    private static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhereAsync(
        string councilCode, string reference, ContactApprovals approvals, SignupQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(councilCode, reference, cancellationToken) is not { } contact)
        {
            return ContactNotFound();
        }

        await approvals.EndSessionsAsync(contact.PartitionKey, contact.RowKey, ApiActor, "contact.signed-out-everywhere", cancellationToken);
        return TypedResults.NoContent();
    }

    private static Ok<ApprovalResponse> Respond(ApprovalOutcome outcome) =>
        TypedResults.Ok(new ApprovalResponse(outcome.Contact.GssCode, outcome.Contact.Reference, outcome.Contact.Status,
            outcome.Result != ApprovalResult.NothingToDo, outcome.DomainAdded, outcome.AlsoApproved));

    private static ProblemHttpResult ContactNotFound() =>
        ApiErrors.Problem(ApiErrors.NotFound, "There is no contact with that council code and reference.");
}
