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
            .WithMetadata(new RequestSizeLimitAttribute(RegisterApi.MaxCsvBytes));
    }

    public sealed record DomainsRequest(IReadOnlyList<string?>? Domains);

    public sealed record CouncilDomainsResponse(string CouncilCode, string CouncilName, IReadOnlyList<string> Domains);

    public sealed record DomainsChanged(
        string CouncilCode, string CouncilName, IReadOnlyList<string> Domains, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, int ContactsApproved);

    public sealed record DomainsImported(int Added, int AlreadyThere, int ContactsApproved, IReadOnlyList<RegisterLineError> Errors);

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

        var (parsed, errors) = ParseAll(body!.Domains, domains);
        if (!errors.IsValid)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        var change = await domains.ReplaceAsync(council.GssCode, parsed, ApiActor, cancellationToken);
        var approved = await approvals.ApproveOnDomainsAsync(council, change.Added, ApiActor, cancellationToken);
        return TypedResults.Ok(new DomainsChanged(council.GssCode, council.OfficialName, parsed, change.Added, change.Removed, approved));
    }

    private static async Task<Results<Ok<DomainsImported>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, CouncilDirectory directory, CouncilDomains domains, ContactApprovals approvals, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return ApiErrors.Problem(ApiErrors.UnsupportedMediaType, $"Send the domains as the request body with Content-Type: text/csv, header {CouncilDomainsCsv.Header}.");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var result = await ImportAndApproveAsync(reader, directory, domains, approvals, ApiActor, cancellationToken);
        return TypedResults.Ok(result);
    }

    /// <summary>Shared with the console: import, then approve whoever was waiting on the domains that were added.</summary>
    public static async Task<DomainsImported> ImportAndApproveAsync(
        TextReader csv, CouncilDirectory directory, CouncilDomains domains, ContactApprovals approvals, string actor, CancellationToken cancellationToken)
    {
        var import = await domains.ImportAsync(csv, directory, actor, cancellationToken);
        var approved = 0;
        foreach (var council in import.Added.GroupBy(a => a.GssCode))
        {
            if (await directory.FindByCodeAsync(council.Key, cancellationToken) is { } found)
            {
                approved += await approvals.ApproveOnDomainsAsync(found, council.Select(a => a.Domain).ToList(), actor, cancellationToken);
            }
        }

        return new DomainsImported(import.Added.Count, import.AlreadyThere, approved, import.Errors);
    }

    /// <summary>Each domain parsed, or a field error naming the one at fault ("domains[2]").</summary>
    public static (List<string> Domains, FieldErrors Errors) ParseAll(IReadOnlyList<string?>? values, CouncilDomains domains)
    {
        var errors = new FieldErrors();
        var parsed = new List<string>();
        if (values is null)
        {
            errors.Add("domains", "Send domains as a list, like [\"westminster.gov.uk\"]; an empty list removes them all");
            return (parsed, errors);
        }

        if (values.Count > CouncilDomains.MaxDomainsPerCouncil)
        {
            errors.Add("domains", $"A council can have at most {CouncilDomains.MaxDomainsPerCouncil} domains");
            return (parsed, errors);
        }

        for (var i = 0; i < values.Count; i++)
        {
            var (domain, problem) = domains.Parse(values[i]);
            if (problem is not null)
            {
                errors.Add($"domains[{i}]", problem);
            }
            else if (!parsed.Contains(domain!))
            {
                parsed.Add(domain!);
            }
        }

        return (parsed, errors);
    }

    private static ProblemHttpResult CouncilNotFound() =>
        ApiErrors.Problem(ApiErrors.NotFound, "There is no council with that GSS code in the register.");
}
