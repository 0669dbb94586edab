using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;

namespace LocalGovStandard.DashboardBench;

/// <summary>
/// Writes made-up activity into the product's own tables in the shapes the product writes them
/// (entity group transactions of up to 100 rows per partition, several partitions at once).
/// </summary>
internal static class Seeder
{
    public sealed record Counts(int Councils, int Assessments, int Actions, int Rows);

    public static async Task<Counts> WriteAsync(string storage, IReadOnlyList<Council> councils, IReadOnlyList<ProgressActivity> activities)
    {
        var service = new TableServiceClient(storage);
        foreach (var name in new[] { "Councils", "Signups", "SubmittedAssessments", "Assessments" })
        {
            await service.CreateTableIfNotExistsAsync(name);
        }

        var regionOf = councils.ToDictionary(c => c.GssCode, c => c.Region.Slug, StringComparer.Ordinal);
        var rows = new List<(string Table, TableEntity Entity)>();
        rows.AddRange(councils.Select(c => ("Councils", new TableEntity(c.Region.Slug, c.LocalAuthorityCode)
        {
            ["GssCode"] = c.GssCode, ["OfficialName"] = c.OfficialName, ["NiceName"] = c.NiceName, ["Nation"] = c.Nation,
            ["AuthorityType"] = c.AuthorityType, ["EndDate"] = c.EndDate, ["IsCurrent"] = c.IsCurrent,
        })));

        var signups = activities.SelectMany(a => a.Signups).ToList();
        var contacts = activities.SelectMany(a => a.Contacts).ToList();
        rows.AddRange(signups.Select(s => ("Signups", new TableEntity(regionOf[s.GssCode], s.GssCode)
        {
            ["Kind"] = "council", ["CouncilName"] = s.GssCode, ["SignedUpAt"] = s.SignedUpAt, ["VerifiedContacts"] = 2,
        })));
        rows.AddRange(contacts.Select((c, i) => ("Signups", new TableEntity(regionOf[c.GssCode], $"{c.GssCode}|k{i:D6}")
        {
            ["Kind"] = "contact", ["GssCode"] = c.GssCode, ["ContactName"] = c.Name, ["ContactEmail"] = c.Email, ["ConsentToContact"] = c.ConsentToContact,
            ["ConsentToPublish"] = c.ConsentToContact, ["Status"] = "verified", ["VerifiedAt"] = c.VerifiedAt, ["CreatedAt"] = c.VerifiedAt,
        })));

        var assessments = activities.SelectMany(a => a.Assessments).ToList();
        rows.AddRange(assessments.Select(a => ("SubmittedAssessments", new TableEntity($"{regionOf[a.GssCode]}|{ReportMonth.Of(a.SubmittedAt)}", $"{a.GssCode}|{a.Reference}")
        {
            ["GssCode"] = a.GssCode, ["Reference"] = a.Reference, ["CouncilName"] = a.CouncilName, ["ServiceName"] = a.ServiceName, ["Phase"] = a.Phase,
            ["Type"] = a.Type, ["StandardId"] = a.StandardId, ["OverallResult"] = a.OverallResult, ["OverallPasses"] = a.OverallPasses,
            ["PointRatingsJson"] = JsonSerializer.Serialize(a.PointRatings.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value)),
            ["SubmittedAt"] = a.SubmittedAt, ["PredecessorReference"] = a.PredecessorReference,
        })));

        var actions = activities.SelectMany(a => a.Actions).ToList();
        rows.AddRange(actions.Select(a => ("Assessments", new TableEntity(a.GssCode, $"action|{a.AssessmentReference}|{a.PointNumber:D2}")
        {
            ["AssessmentReference"] = a.AssessmentReference, ["ServiceName"] = a.ServiceName, ["StandardId"] = a.StandardId, ["PointNumber"] = a.PointNumber,
            ["PointTitle"] = a.PointTitle, ["Rating"] = a.Rating, ["Status"] = a.Status, ["CreatedAt"] = a.CreatedAt, ["DueAt"] = a.DueAt, ["DoneAt"] = a.DoneAt,
        })));

        var batches = rows.GroupBy(r => (r.Table, r.Entity.PartitionKey))
            .SelectMany(g => g.Chunk(100).Select(chunk => (g.Key.Table, Rows: chunk.Select(r => r.Entity).ToList())))
            .ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (batch, ct) =>
            await service.GetTableClient(batch.Table).SubmitTransactionAsync(batch.Rows.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));

        return new Counts(councils.Count, assessments.Count, actions.Count, rows.Count);
    }
}
