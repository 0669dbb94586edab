using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Assessments;

/// <summary>
/// Reads submitted assessments and their actions for other features (figures, summit invitees), with partition queries only: a region's
/// range of month partitions in the submitted index, and one council's action rows.
/// </summary>
public sealed class SubmittedAssessmentQueries(
    [FromKeyedServices(TableNames.SubmittedAssessments)] TableClient submitted,
    [FromKeyedServices(TableNames.Assessments)] TableClient assessments)
{
    /// <summary>A region's assessments submitted before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<SubmittedAssessmentEntity>> InRegionBeforeAsync(string region, DateTimeOffset before, CancellationToken cancellationToken)
    {
        // Month partitions "{region}|yyyy-MM" sort by date, so "to date" is one range over this region's partitions.
        var from = $"{region}|";
        var last = AssessmentKeys.SubmittedPartition(region, before.AddTicks(-1));
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey le {last} and SubmittedAt lt {before}");
        var rows = new List<SubmittedAssessmentEntity>();
        await foreach (var row in submitted.QueryAsync<SubmittedAssessmentEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Submitted assessments per council in a region: every "{region}|{yyyy-MM}" partition, as one range query.</summary>
    public async Task<Dictionary<string, int>> CountsByCouncilAsync(string region, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {region + "|"} and PartitionKey lt {region + "}"}");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in submitted.QueryAsync<SubmittedAssessmentEntity>(filter, select: [nameof(SubmittedAssessmentEntity.GssCode)], cancellationToken: cancellationToken))
        {
            counts[row.GssCode] = counts.GetValueOrDefault(row.GssCode) + 1;
        }

        return counts;
    }

    public async Task<IReadOnlyList<ActionEntity>> ActionsOfAsync(string gssCode, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {gssCode} and RowKey ge {AssessmentKeys.ActionPrefix} and RowKey lt {"action}"}");
        var actions = new List<ActionEntity>();
        await foreach (var row in assessments.QueryAsync<ActionEntity>(filter, cancellationToken: cancellationToken))
        {
            actions.Add(row);
        }

        return actions;
    }
}
