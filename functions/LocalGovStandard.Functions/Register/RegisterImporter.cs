using Azure.Data.Tables;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Register;

public sealed record RegisterImportResult(int Imported, int Updated, int Skipped, IReadOnlyList<RegisterLineError> Errors);

public sealed record RegisterImportProgress(string Stage, int Done, int Total);

/// <summary>
/// Upserts the register: new councils are imported, changed ones updated, identical ones skipped,
/// so importing the same file twice changes nothing. Writes go in entity group transactions per region.
/// </summary>
public sealed class RegisterImporter(
    [FromKeyedServices(TableNames.Councils)] TableClient table,
    CouncilDirectory directory,
    AuditLog audit)
{
    /// <summary>The real register is about 170 KB; this leaves room without inviting abuse. Domain lists are held to the same limit.</summary>
    public const long MaxCsvBytes = 10 * 1024 * 1024;

    private const int TransactionLimit = 100;

    public async Task<RegisterImportResult> ImportAsync(TextReader csv, string actor, IProgress<RegisterImportProgress>? progress, CancellationToken cancellationToken)
    {
        var (parsed, errors) = await RegisterCsv.ReadAsync(csv, cancellationToken);
        progress?.Report(new RegisterImportProgress("read", parsed.Count, parsed.Count));

        var existing = (await directory.LoadEntitiesAsync(cancellationToken)).ToDictionary(e => e.RowKey, StringComparer.Ordinal);
        var changes = new List<TableTransactionAction>();
        int imported = 0, updated = 0, skipped = 0;
        foreach (var council in parsed)
        {
            if (!existing.TryGetValue(council.RowKey, out var stored))
            {
                imported++;
                changes.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, council));
            }
            else if (stored.SameFactsAs(council))
            {
                skipped++;
            }
            else
            {
                updated++;
                if (stored.PartitionKey != council.PartitionKey)
                {
                    changes.Add(new TableTransactionAction(TableTransactionActionType.Delete, stored, stored.ETag));
                }

                changes.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, council));
            }
        }

        await WriteAsync(changes, progress, cancellationToken);
        directory.Invalidate();

        var result = new RegisterImportResult(imported, updated, skipped, errors);
        await audit.WriteAsync(actor, "register.imported", "register",
            $"imported {imported}, updated {updated}, skipped {skipped}, errors {errors.Count}", cancellationToken);
        return result;
    }

    private async Task WriteAsync(List<TableTransactionAction> changes, IProgress<RegisterImportProgress>? progress, CancellationToken cancellationToken)
    {
        var batches = changes
            .GroupBy(c => c.Entity.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(TransactionLimit))
            .ToList();
        var written = 0;
        foreach (var batch in batches)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
            written += batch.Length;
            progress?.Report(new RegisterImportProgress("write", written, changes.Count));
        }
    }
}
