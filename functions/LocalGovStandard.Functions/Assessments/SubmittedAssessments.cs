using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Assessments;

/// <summary>The index of submitted assessments as other features read it (Summits chooses invitees by it).</summary>
public sealed class SubmittedAssessments([FromKeyedServices(TableNames.SubmittedAssessments)] TableClient table)
{
    /// <summary>Submitted assessments per council in a region: every "{region}|{yyyy-MM}" partition, as one range query.</summary>
    public async Task<Dictionary<string, int>> CountsByCouncilAsync(string region, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {region + "|"} and PartitionKey lt {region + "}"}");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<SubmittedAssessmentEntity>(filter, select: [nameof(SubmittedAssessmentEntity.GssCode)], cancellationToken: cancellationToken))
        {
            counts[row.GssCode] = counts.GetValueOrDefault(row.GssCode) + 1;
        }

        return counts;
    }
}
