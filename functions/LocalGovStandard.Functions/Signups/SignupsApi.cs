using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Signups;

public static class SignupsApi
{
    public static IServiceCollection AddSignups(this IServiceCollection services)
    {
        services.AddSingleton<SignupValidator>();
        services.AddSingleton<SignupService>();
        services.AddSingleton<ContactApprovals>();
        services.AddSingleton<ContactStandings>();
        services.AddSingleton<ContactApprovalMigration>();
        services.AddHostedService(provider => provider.GetRequiredService<ContactApprovalMigration>());
        services.AddSingleton<SignupQueries>();
        services.AddSingleton<ContactStore>();
        services.AddPersonalDataHolder<ContactPersonalData>();
        services.AddSingleton<PurgeExpiredVerifications>();
        return services;
    }

    public static void MapSignupsApi(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        app.MapPost("/api/signups", SubmitAsync)
            .AsPublicFunction("SubmitSignup")
            .RequireRateLimiting(RateLimits.PublicForms)
            .Accepts<SignupRequest>("application/json");
        app.MapGet("/api/signups/{councilCode}/{reference}", GetStatusAsync)
            .AsPublicFunction("GetSignupStatus")
            .RequireRateLimiting(RateLimits.PublicForms);
        admin.MapGet("/signups", ListForOrganiserAsync).AsKeyedFunction("ListSignups");

        app.MapTimerFunction<PurgeExpiredVerifications>(PurgeExpiredVerifications.Name, PurgeExpiredVerifications.Schedule);
    }

    /// <summary>
    /// The same answer for a new address, one already signed up, one waiting for approval and one declined: who exists,
    /// and their reference, go only to the address by email (the email says where they stand).
    /// </summary>
    /// <param name="Email">"sent" once the email is on its way (queued for sending), or "not-sent" when it could not be queued just now (try again later).</param>
    public sealed record SignupAccepted(string Status, string Email, string Detail)
    {
        public static SignupAccepted For(SignupOutcome outcome) => new(
            "check-your-email",
            outcome.EmailNotSent ? VerificationEmailStatus.NotSent : VerificationEmailStatus.Sent,
            outcome.EmailNotSent
                ? "Nothing was lost, but the email could not be sent just now. Send the same sign-up again in a few minutes."
                : "We have emailed the address: a link to confirm it, or, if it had signed up before, where it stands. The email gives the sign-up's reference.");
    }

    public sealed record SignupStatusResponse(string Reference, string CouncilCode, string CouncilName, string Status);

    private static async Task<Results<Accepted<SignupAccepted>, BodyProblem, ValidationProblem>> SubmitAsync(HttpRequest request, SignupValidator validator, SignupService signups, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SignupRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (valid, errors) = await validator.ValidateAsync(body!, cancellationToken);
        if (valid is null)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        var outcome = await signups.SubmitAsync(valid, cancellationToken);
        return TypedResults.Accepted((string?)null, SignupAccepted.For(outcome));
    }

    /// <summary>Public, for whoever has the reference (it is only ever emailed): whether it is verified, never who signed up.</summary>
    private static async Task<Results<Ok<SignupStatusResponse>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ProblemHttpResult>> GetStatusAsync(
        string councilCode, string reference, CouncilDirectory directory, SignupQueries queries, CancellationToken cancellationToken)
    {
        var notFound = TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = 404, Type = ApiErrors.NotFound.Uri, Title = ApiErrors.NotFound.Title,
            Detail = "There is no sign-up with that council code and reference.",
        });
        if (!HumanReference.IsWellFormed(reference))
        {
            return notFound;
        }

        var council = await directory.FindByCodeAsync(councilCode, cancellationToken);
        var contact = council is null ? null : await queries.FindByReferenceAsync(council, reference, cancellationToken);
        return contact is null
            ? notFound
            : TypedResults.Ok(new SignupStatusResponse(contact.Reference, contact.GssCode, contact.CouncilName, contact.Status));
    }

    private static async Task<Results<Ok<OrganiserSignupList>, ValidationProblem>> ListForOrganiserAsync(
        string? peerGroup, PeerGroupStore peerGroups, SignupQueries queries, CancellationToken cancellationToken)
    {
        PeerGroup? group = null;
        if (!string.IsNullOrWhiteSpace(peerGroup))
        {
            group = await peerGroups.FindAsync(peerGroup.Trim(), cancellationToken);
            if (group is null)
            {
                var known = (await peerGroups.AllAsync(cancellationToken)).Select(g => g.Slug);
                return ApiErrors.FieldProblem("peerGroup", $"peerGroup must be one of: {string.Join(", ", known)}");
            }
        }

        var councils = await queries.InGroupAsync(group, cancellationToken);
        return TypedResults.Ok(new OrganiserSignupList(peerGroup?.Trim(), councils.Select(OrganiserCouncil.From).ToList()));
    }

    public sealed record OrganiserSignupList(string? PeerGroup, IReadOnlyList<OrganiserCouncil> Councils);

    public sealed record OrganiserCouncil(
        string CouncilCode, string LocalAuthorityCode, string CouncilName, string Region,
        bool SignedUp, DateTimeOffset? SignedUpAt, int VerifiedContacts, IReadOnlyList<OrganiserContact> Contacts)
    {
        public static OrganiserCouncil From(CouncilSignups signups) => new(
            signups.Council.GssCode, signups.Council.LocalAuthorityCode, signups.Council.OfficialName, signups.Council.Region.Name,
            signups.SignedUp is not null, signups.SignedUp?.SignedUpAt, signups.SignedUp?.VerifiedContacts ?? 0,
            signups.Contacts.Select(OrganiserContact.From).ToList());
    }

    public sealed record OrganiserContact(
        string Reference, string ContactName, string ContactEmail, string JobTitle, string AdoptionRoute, string Status,
        DateTimeOffset CreatedAt, DateTimeOffset? VerifiedAt, bool ConsentToContact, DateTimeOffset? ConsentToContactAt,
        bool ConsentToPublish, DateTimeOffset? ConsentToPublishAt, string VerificationEmail)
    {
        public static OrganiserContact From(ContactEntity c) => new(
            c.Reference, c.ContactName, c.ContactEmail, c.JobTitle, c.AdoptionRoute, c.Status, c.CreatedAt, c.VerifiedAt,
            c.ConsentToContact, c.ConsentToContactAt, c.ConsentToPublish, c.ConsentToPublishAt, c.VerificationEmail);
    }
}
