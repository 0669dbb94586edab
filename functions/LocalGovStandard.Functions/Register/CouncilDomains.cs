using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Validation;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Register;

/// <summary>One of a council's own email domains: PartitionKey the council's GSS code, RowKey the domain.</summary>
public sealed class CouncilDomainEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset AddedAt { get; set; }
    public string AddedBy { get; set; } = "";
}

/// <param name="Added">Domains that were not the council's before.</param>
/// <param name="Removed">Domains that are no longer the council's.</param>
public sealed record DomainChange(IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

public sealed record CouncilDomainAdded(string GssCode, string Domain);

/// <param name="AlreadyThere">Lines whose domain the council already had.</param>
public sealed record DomainImport(IReadOnlyList<CouncilDomainAdded> Added, int AlreadyThere, IReadOnlyList<RegisterLineError> Errors);

/// <summary>
/// The email domains that belong to each council. An address on one of them (or a subdomain) is proven for that
/// council by its emailed link alone; any other permitted address waits for approval. A domain may belong to several
/// councils (shared services such as adur-worthing.gov.uk). An installation starts with none and learns them through
/// imports and approvals. Every change is audited.
/// </summary>
public sealed class CouncilDomains(
    [FromKeyedServices(TableNames.CouncilDomains)] TableClient table,
    AuditLog audit,
    IOptionsMonitor<ServiceOptions> options,
    TimeProvider clock)
{
    public const int MaxDomainsPerCouncil = 50;

    public async Task<IReadOnlyList<string>> ForCouncilAsync(string gssCode, CancellationToken cancellationToken)
    {
        var domains = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {gssCode}");
        await foreach (var row in table.QueryAsync<CouncilDomainEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            domains.Add(row.RowKey);
        }

        return domains;
    }

    /// <summary>
    /// The councils (GSS codes) whose domains cover this domain: it or a parent of it. One query over the table, which holds
    /// one small row per council domain, asking for each candidate domain by RowKey.
    /// </summary>
    public async Task<IReadOnlyList<string>> CouncilsCoveringAsync(string domain, CancellationToken cancellationToken)
    {
        var labels = domain.Split('.');
        var candidates = Enumerable.Range(0, Math.Max(0, labels.Length - 1)).Select(i => string.Join('.', labels[i..])).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var filter = string.Join(" or ", candidates.Select(c => TableClient.CreateQueryFilter($"RowKey eq {c}")));
        var councils = new List<string>();
        await foreach (var row in table.QueryAsync<CouncilDomainEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            councils.Add(row.PartitionKey);
        }

        return councils.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether the address's domain is one of the council's domains or a subdomain of one.</summary>
    public async Task<bool> CoversAsync(string gssCode, string emailAddress, CancellationToken cancellationToken) =>
        Covers(await ForCouncilAsync(gssCode, cancellationToken), EmailAddresses.DomainOf(emailAddress));

    public static bool Covers(IEnumerable<string> councilDomains, string domain) =>
        councilDomains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));

    /// <summary>A clean domain, or the reason it cannot be a council domain.</summary>
    public (string? Domain, string? Problem) Parse(string? value)
    {
        var domain = value?.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(domain))
        {
            return (null, "Enter a domain, like westminster.gov.uk");
        }

        if (Platform.Validation.EmailAddresses.Normalise("a@" + domain) is null || domain.Length > 253)
        {
            return (null, $"'{Shorten(domain)}' is not a domain: use letters, digits, hyphens and dots, like westminster.gov.uk");
        }

        var permitted = options.CurrentValue.AllowedDomainList;
        if (permitted.Contains(domain) || !Covers(permitted, domain))
        {
            return (null, $"'{domain}' is not a council's own domain: it must be under {string.Join(", ", permitted)}, like westminster.gov.uk");
        }

        return (domain, null);
    }

    /// <summary>Makes the council's domains exactly <paramref name="domains"/> (already parsed).</summary>
    /// <summary>
    /// A council's whole list, as the API's PUT and the console's text box send it: each domain parsed,
    /// or a field error naming the one at fault ("domains[2]").
    /// </summary>
    public (List<string> Domains, FieldErrors Errors) ParseAll(IReadOnlyList<string?>? values)
    {
        var errors = new FieldErrors();
        var parsed = new List<string>();
        if (values is null)
        {
            errors.Add("domains", "Send domains as a list, like [\"westminster.gov.uk\"]; an empty list removes them all");
            return (parsed, errors);
        }

        if (values.Count > MaxDomainsPerCouncil)
        {
            errors.Add("domains", $"A council can have at most {MaxDomainsPerCouncil} domains");
            return (parsed, errors);
        }

        for (var i = 0; i < values.Count; i++)
        {
            var (domain, problem) = Parse(values[i]);
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

    public async Task<DomainChange> ReplaceAsync(string gssCode, IReadOnlyCollection<string> domains, string actor, CancellationToken cancellationToken)
    {
        var before = await ForCouncilAsync(gssCode, cancellationToken);
        var wanted = domains.Distinct(StringComparer.Ordinal).ToList();
        var change = new DomainChange(wanted.Except(before).ToList(), before.Except(wanted).ToList());
        var now = clock.GetUtcNow();
        var actions = change.Added
            .Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(gssCode, d, actor, now)))
            .Concat(change.Removed.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(gssCode, d), ETag.All)))
            .ToList();
        if (actions.Count > 0)
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            await AuditAsync(gssCode, change, actor, cancellationToken);
        }

        return change;
    }

    /// <returns>True when the domain was not the council's before.</returns>
    public async Task<bool> AddAsync(string gssCode, string domain, string actor, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(Row(gssCode, domain, actor, clock.GetUtcNow()), cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }

        await AuditAsync(gssCode, new DomainChange([domain], []), actor, cancellationToken);
        return true;
    }

    /// <summary>
    /// Adds each listed domain to its council (never removes any). Lines naming a council that is not in the register,
    /// or a domain that cannot be a council's, are reported by line number and skipped.
    /// </summary>
    public async Task<DomainImport> ImportAsync(TextReader csv, CouncilDirectory directory, string actor, CancellationToken cancellationToken)
    {
        var (lines, errors) = await CouncilDomainsCsv.ReadAsync(csv, cancellationToken);
        var wanted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var (domain, problem) = Parse(line.Domain);
            if (await directory.FindByCodeAsync(line.GssCode, cancellationToken) is null)
            {
                errors.Add(new RegisterLineError(line.Line, $"gssCode '{Shorten(line.GssCode)}' is not a council in the register."));
            }
            else if (problem is not null)
            {
                errors.Add(new RegisterLineError(line.Line, problem));
            }
            else if (!(wanted.TryGetValue(line.GssCode, out var set) ? set : wanted[line.GssCode] = new HashSet<string>(StringComparer.Ordinal)).Add(domain!))
            {
                errors.Add(new RegisterLineError(line.Line, $"{domain} for {line.GssCode} already appeared earlier in the file."));
            }
        }

        var added = new List<CouncilDomainAdded>();
        foreach (var (gssCode, domains) in wanted)
        {
            var before = await ForCouncilAsync(gssCode, cancellationToken);
            var after = before.Union(domains).Take(MaxDomainsPerCouncil).ToList();
            var change = await ReplaceAsync(gssCode, after, actor, cancellationToken);
            added.AddRange(change.Added.Select(d => new CouncilDomainAdded(gssCode, d)));
            if (after.Count < before.Union(domains).Count())
            {
                errors.Add(new RegisterLineError(0, $"{gssCode} would have more than {MaxDomainsPerCouncil} domains; the rest were not added."));
            }
        }

        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new DomainImport(added, lines.Count - errors.Count(e => e.Line > 0) - added.Count, errors);
    }

    private Task AuditAsync(string gssCode, DomainChange change, string actor, CancellationToken cancellationToken) =>
        audit.WriteAsync(actor, "council.domains-changed", $"council:{gssCode}",
            $"added: {string.Join(" ", change.Added)}; removed: {string.Join(" ", change.Removed)}", cancellationToken);

    private static CouncilDomainEntity Row(string gssCode, string domain, string actor, DateTimeOffset now) =>
        new() { PartitionKey = gssCode, RowKey = domain, AddedAt = now, AddedBy = actor };

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
