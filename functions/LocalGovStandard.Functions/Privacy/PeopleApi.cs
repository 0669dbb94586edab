using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Privacy;

/// <summary>
/// UK GDPR requests about someone who is not a contact (a meet-up registrant), named by address. The address travels in the
/// body of a POST, never in a URL, so it stays out of request logs.
/// </summary>
public static class PeopleApi
{
    /// <summary>The longest address a mail system can deliver to (RFC 5321's path limit, less its brackets).</summary>
    private const int MaxEmailLength = 254;

    public sealed record PersonRequest(string? Email);

    public static void MapPeopleApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/people/personal-data", ExportAsync).AsKeyedFunction("ExportPersonPersonalData").Accepts<PersonRequest>("application/json");
        admin.MapPost("/people/erase", EraseAsync).AsKeyedFunction("ErasePerson").Accepts<PersonRequest>("application/json");
    }

    private static async Task<Results<Ok<AddressPersonalDataExport>, ProblemHttpResult, BodyProblem, ValidationProblem>> ExportAsync(
        HttpRequest request, AddressPersonalData personalData, CancellationToken cancellationToken)
    {
        var (email, problem) = await ReadAsync(request, personalData, cancellationToken);
        return problem is not null ? problem.As<AddressPersonalDataExport>() : TypedResults.Ok(await personalData.ExportAsync(email!, PrivacyApi.ApiActor, cancellationToken));
    }

    private static async Task<Results<Ok<ErasureOutcome>, ProblemHttpResult, BodyProblem, ValidationProblem>> EraseAsync(
        HttpRequest request, AddressPersonalData personalData, CancellationToken cancellationToken)
    {
        var (email, problem) = await ReadAsync(request, personalData, cancellationToken);
        return problem is not null ? problem.As<ErasureOutcome>() : TypedResults.Ok(await personalData.EraseAsync(email!, PrivacyApi.ApiActor, cancellationToken));
    }

    /// <summary>Why a request cannot go ahead, as whichever answer either route gives.</summary>
    private sealed class RefusedRequest
    {
        private readonly ProblemHttpResult? _problem;
        private readonly BodyProblem? _body;
        private readonly ValidationProblem? _validation;

        public RefusedRequest(ProblemHttpResult problem) => _problem = problem;

        public RefusedRequest(BodyProblem body) => _body = body;

        public RefusedRequest(ValidationProblem validation) => _validation = validation;

        public Results<Ok<T>, ProblemHttpResult, BodyProblem, ValidationProblem> As<T>()
        {
            if (_problem is not null)
            {
                return _problem;
            }

            return _body is not null ? _body : _validation!;
        }
    }

    /// <returns>The address, or the answer that refuses the request: a bad body, or an address that is a contact's (with their routes).</returns>
    private static async Task<(string? Email, RefusedRequest? Problem)> ReadAsync(HttpRequest request, AddressPersonalData personalData, CancellationToken cancellationToken)
    {
        var (body, bodyProblem) = await JsonBody.ReadAsync<PersonRequest>(request, cancellationToken);
        if (bodyProblem is not null)
        {
            return (null, new RefusedRequest(bodyProblem));
        }

        if (string.IsNullOrWhiteSpace(body!.Email))
        {
            return (null, new RefusedRequest(ApiErrors.FieldProblem("email", "Enter the email address the request is about")));
        }

        if (body.Email.Trim().Length > MaxEmailLength)
        {
            return (null, new RefusedRequest(ApiErrors.FieldProblem("email", $"Enter an email address of {MaxEmailLength} characters or fewer")));
        }

        if (EmailAddresses.Normalise(body.Email.Trim()) is not { } address)
        {
            return (null, new RefusedRequest(ApiErrors.FieldProblem("email", "Enter an email address in the correct format, like name@example.gov.uk")));
        }

        var contacts = await personalData.ContactsWithAsync(address.Address, cancellationToken);
        if (contacts.Count > 0)
        {
            var pointer = contacts[0];
            var refused = TypedResults.Problem(
                detail: $"This address belongs to a contact of council {pointer.CouncilCode} (reference {pointer.Reference}): use {pointer.ExportRoute} or {pointer.EraseRoute}, which cover everything held about them.",
                statusCode: ApiErrors.ContactAddress.Status, title: ApiErrors.ContactAddress.Title, type: ApiErrors.ContactAddress.Uri,
                extensions: new Dictionary<string, object?> { ["contacts"] = contacts });
            return (null, new RefusedRequest(refused));
        }

        return (address.Address, null);
    }
}
