using System.Text;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Signups;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Register;

/// <summary>
/// The organiser's API for councils' own email domains. Adding a domain approves the council's contacts who were
/// waiting with an address on it, since such an address would now be proven by its emailed link alone.
/// </summary>
public static class CouncilDomainsApi
{
    public const string ApiActor = "organiser";

    public static void MapCouncilDomains(this RouteGroupBuilder admin)
    {
        admin.MapGet("/councils/{gssCode}/domains", GetAsync).AsKeyedFunction("GetCouncilDomains");
        admin.MapPut("/councils/{gssCode}/domains", PutAsync).AsKeyedFunction("PutCouncilDomains").Accepts<DomainsRequest>("application/json");
        admin.MapPost("/councils/domains", ImportAsync)
            .AsKeyedFunction("ImportCouncilDomains")
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(RegisterImporter.MaxCsvBytes));
    }

    public sealed record DomainsRequest(IReadOnlyList<string?>? Domains);

    public sealed record CouncilDomainsResponse(string CouncilCode, string CouncilName, IReadOnlyList<string> Domains);

    public sealed record DomainsChanged(
        string CouncilCode, string CouncilName, IReadOnlyList<string> Domains, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, int ContactsApproved);

    private static async Task<Results<Ok<CouncilDomainsResponse>, ProblemHttpResult>> GetAsync(
        string gssCode, CouncilDirectory directory, CouncilDomains domains, CancellationToken cancellationToken) =>
        await directory.FindByCodeAsync(gssCode, cancellationToken) is { } council
            ? TypedResults.Ok(new CouncilDomainsResponse(council.GssCode, council.OfficialName, await domains.ForCouncilAsync(council.GssCode, cancellationToken)))
            : CouncilNotFound();

    private static async Task<Results<Ok<DomainsChanged>, ProblemHttpResult, BodyProblem, ValidationProblem>> PutAsync(
        string gssCode, HttpRequest request, CouncilDirectory directory, CouncilDomains domains, ContactApprovals approvals, CancellationToken cancellationToken)
    {
        if (await directory.FindByCodeAsync(gssCode, cancellationToken) is not { } council)
        {
            return CouncilNotFound();
        }

        var (body, problem) = await JsonBody.ReadAsync<DomainsRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (parsed, errors) = domains.ParseAll(body!.Domains);
        if (!errors.IsValid)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        var change = await domains.ReplaceAsync(council.GssCode, parsed, ApiActor, cancellationToken);
        var approved = await approvals.ApproveOnDomainsAsync(council, change.Added, ApiActor, cancellationToken);
        return TypedResults.Ok(new DomainsChanged(council.GssCode, council.OfficialName, parsed, change.Added, change.Removed, approved));
    }

    private static async Task<Results<Ok<DomainsImported>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, CouncilDomainImport import, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return ApiErrors.Problem(ApiErrors.UnsupportedMediaType, $"Send the domains as the request body with Content-Type: text/csv, header {CouncilDomainsCsv.Header}.");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var result = await import.ImportAndApproveAsync(reader, ApiActor, cancellationToken);
        return TypedResults.Ok(result);
    }

    private static ProblemHttpResult CouncilNotFound() =>
        ApiErrors.Problem(ApiErrors.NotFound, "There is no council with that GSS code in the register.");
}
