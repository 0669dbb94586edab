using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Progress;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Reports;

/// <param name="Built">Whether this run built the workbook (false: it reused the stored one).</param>
/// <param name="SentNow">Emails SendGrid accepted during this run.</param>
/// <param name="AlreadySent">Leads an earlier run had already emailed: nothing was sent to them.</param>
/// <param name="InProgress">Leads another worker was emailing at that moment: left to it.</param>
public sealed record GroupRunOutcome(string PeerGroup, string Status, bool Built, int Leads, int SentNow, int AlreadySent, int InProgress, int Failed, string? Error)
{
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{PeerGroup}: {Status}; workbook {(Built ? "built" : "reused")}; {Leads} lead(s): {SentNow} sent now, {AlreadySent} already sent, {InProgress} in progress elsewhere, {Failed} failed");
}

/// <summary>
/// Builds, stores and sends each peer group's workbook for a month. Safe to run any number of
/// times, at the same time too: the workbook is built once per generation and reused, and each
/// lead's email goes through the mail ledger, so a repeat sends only what is missing.
/// </summary>
public sealed partial class MonthlyReportRunner(
    ProgressLoader loader,
    ProgressCalculator calculator,
    SupportNeedsProgress supportNeeds,
    PeerAssessmentProgress peerAssessments,
    AttendanceProgress attendance,
    ReportRunStore runs,
    BlobServiceClient blobs,
    MailLedger mail,
    ReportDownloadLinks links,
    AuditLog audit,
    IOptionsMonitor<ReportOptions> options,
    TimeProvider clock,
    ILogger<MonthlyReportRunner> logger)
{
    public const string Attachment = "attachment";
    public const string Link = "link";

    public static string BlobName(ReportMonth month, string peerGroup) => $"{month}/{peerGroup}.xlsx";

    public BlobClient Blob(ReportMonth month, string peerGroup) =>
        blobs.GetBlobContainerClient(BlobContainerNames.Reports).GetBlobClient(BlobName(month, peerGroup));

    /// <summary>The stored workbook for the month and group, or null when it has not been built.</summary>
    public async Task<Stream?> OpenStoredAsync(ReportMonth month, string peerGroup, CancellationToken cancellationToken)
    {
        try
        {
            return (await Blob(month, peerGroup).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <param name="actor">Who asked: "organiser", or "timer:MonthlyProgressWorkbooks".</param>
    public async Task<IReadOnlyList<GroupRunOutcome>> RunAsync(
        ReportMonth month, IReadOnlyList<PeerGroup> groups, bool resend, string actor, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(actor, "report.run", $"report/{month}",
            $"{groups.Count} peer group(s): {string.Join(", ", groups.Select(g => g.Slug))}{(resend ? "; resend" : "")}", cancellationToken);
        var outcomes = new List<GroupRunOutcome>();
        foreach (var group in groups.OrderBy(g => g.Slug, StringComparer.Ordinal))
        {
            var outcome = await RunGroupAsync(month, group, resend, actor, cancellationToken);
            LogOutcome(outcome.Summary);
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    private async Task<GroupRunOutcome> RunGroupAsync(ReportMonth month, PeerGroup group, bool resend, string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var run = await runs.UpdateAsync(month, group.Slug, r =>
        {
            if (r.Attempts == 0)
            {
                r.StartedAt = now;
            }

            r.Attempts++;
            r.LastRunAt = now;
            r.LastTrigger = actor;
            if (resend)
            {
                r.Generation++;
                r.Status = ReportRunEntity.Building;
                r.SentAt = null;
            }
        }, cancellationToken);
        var generation = run.Generation;
        if (resend)
        {
            await audit.WriteAsync(actor, "report.resend", $"report/{month}/{group.Slug}", $"generation {generation}; {group.Leads.Count} lead(s)", cancellationToken);
        }

        var partition = ReportEmail.LedgerPartition(month);
        var pending = new List<PeerGroupLead>();
        foreach (var lead in group.Leads)
        {
            var entry = await mail.FindAsync(partition, ReportEmail.MessageId(group.Slug, lead, generation), cancellationToken);
            if (entry?.Status != MailLedgerEntry.Sent)
            {
                pending.Add(lead);
            }
        }

        var stored = await StoredWorkbookAsync(run, month, group, needBytes: pending.Count > 0, cancellationToken);
        var built = stored is null;
        if (stored is null)
        {
            try
            {
                stored = await BuildAndStoreAsync(month, group, generation, now, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && exception is not RequestFailedException { Status: >= 500 })
            {
                LogBuildFailed(exception, group.Slug, month.ToString());
                var error = $"The workbook could not be built: {exception.GetType().Name}: {exception.Message}";
                var failed = await runs.UpdateAsync(month, group.Slug, r =>
                {
                    if (r.Generation == generation)
                    {
                        r.Status = ReportRunEntity.BuildFailed;
                        r.LastError = error;
                    }
                }, cancellationToken);
                return new GroupRunOutcome(group.Slug, failed.Status, false, group.Leads.Count, 0, 0, 0, 0, error);
            }
        }

        var (sentNow, inProgress, failedNow) = (0, 0, 0);
        foreach (var lead in pending)
        {
            var message = Message(month, group, lead, generation, stored);
            var result = await mail.SendOnceAsync(partition, message, cancellationToken);
            switch (result.Outcome)
            {
                case MailLedgerOutcome.Sent:
                    sentNow++;
                    break;
                case MailLedgerOutcome.InProgress:
                    inProgress++;
                    break;
                case MailLedgerOutcome.Failed:
                    failedNow++;
                    break;
            }
        }

        var final = await RecordSendingAsync(month, group, generation, cancellationToken);
        return new GroupRunOutcome(group.Slug, final.Status, built, group.Leads.Count, sentNow,
            group.Leads.Count - pending.Count, inProgress, failedNow, final.LastError);
    }

    /// <summary>The workbook already built for this generation, or null when it must be built (again).</summary>
    private async Task<StoredWorkbook?> StoredWorkbookAsync(ReportRunEntity run, ReportMonth month, PeerGroup group, bool needBytes, CancellationToken cancellationToken)
    {
        if (run.BuiltGeneration != run.Generation || run.BlobName is null)
        {
            return null;
        }

        var headlines = JsonSerializer.Deserialize<List<Headline>>(run.HeadlinesJson, JsonSerializerOptions.Web) ?? [];
        if (!needBytes || run.SizeBytes > options.CurrentValue.MaxAttachmentBytes)
        {
            return new StoredWorkbook(null, run.SizeBytes, headlines);
        }

        try
        {
            var content = await Blob(month, group.Slug).DownloadContentAsync(cancellationToken);
            return new StoredWorkbook(content.Value.Content.ToArray(), run.SizeBytes, headlines);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Builds the stored workbook again from today's records, as of when it was first built, and emails
    /// nobody: after an erasure the stored copy must no longer hold the person.
    /// </summary>
    public async Task RebuildStoredAsync(ReportMonth month, PeerGroup group, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(month, group.Slug, cancellationToken);
        var (workbook, _) = await BuildAndUploadAsync(month, group, run?.BuiltAt ?? clock.GetUtcNow(), cancellationToken);
        if (run is not null)
        {
            await runs.UpdateAsync(month, group.Slug, r => r.SizeBytes = workbook.Length, cancellationToken);
        }
    }

    private async Task<(byte[] Workbook, ProgressReport Report)> BuildAndUploadAsync(ReportMonth month, PeerGroup group, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var activity = await loader.ForPeerGroupAsync(group, month, cancellationToken);
        var report = calculator.Calculate(activity, asOf) with
        {
            SupportNeeds = await supportNeeds.ForPeerGroupAsync(group, month, cancellationToken),
            PeerAssessments = await peerAssessments.ForPeerGroupAsync(group, month, cancellationToken),
            Attendance = await attendance.ForPeerGroupAsync(group, month, cancellationToken),
        };
        var workbook = ProgressWorkbook.Build(report);
        await Blob(month, group.Slug).UploadAsync(BinaryData.FromBytes(workbook), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = ProgressWorkbook.ContentType },
        }, cancellationToken);
        return (workbook, report);
    }

    private async Task<StoredWorkbook> BuildAndStoreAsync(ReportMonth month, PeerGroup group, int generation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (workbook, report) = await BuildAndUploadAsync(month, group, now, cancellationToken);

        var delivery = workbook.Length > options.CurrentValue.MaxAttachmentBytes ? Link : Attachment;
        await runs.UpdateAsync(month, group.Slug, r =>
        {
            if (r.Generation != generation)
            {
                return;
            }

            r.BuiltGeneration = generation;
            r.BuiltAt = now;
            r.BlobName = $"{BlobContainerNames.Reports}/{BlobName(month, group.Slug)}";
            r.SizeBytes = workbook.Length;
            r.Delivery = delivery;
            r.HeadlinesJson = JsonSerializer.Serialize(report.Headlines, JsonSerializerOptions.Web);
            r.Status = ReportRunEntity.Sending;
            r.LastError = null;
        }, cancellationToken);
        return new StoredWorkbook(workbook, workbook.Length, report.Headlines);
    }

    private EmailMessage Message(ReportMonth month, PeerGroup group, PeerGroupLead lead, int generation, StoredWorkbook workbook)
    {
        if (workbook.Size <= options.CurrentValue.MaxAttachmentBytes && workbook.Content is not null)
        {
            return ReportEmail.Build(group, month, lead, generation, workbook.Headlines, workbook.Content, null, null);
        }

        var (link, expiresAt) = links.Create(month, group.Slug);
        return ReportEmail.Build(group, month, lead, generation, workbook.Headlines, null, link, expiresAt);
    }

    /// <summary>
    /// Records where sending stands, from the ledger rather than from this run's own results, so
    /// that whichever concurrent run writes last still writes the truth.
    /// </summary>
    private async Task<ReportRunEntity> RecordSendingAsync(ReportMonth month, PeerGroup group, int generation, CancellationToken cancellationToken)
    {
        var partition = ReportEmail.LedgerPartition(month);
        return await runs.UpdateAsync(month, group.Slug, async r =>
        {
            if (r.Generation != generation || r.BuiltGeneration != generation)
            {
                return;
            }

            var entries = new List<MailLedgerEntry?>();
            foreach (var lead in group.Leads)
            {
                entries.Add(await mail.FindAsync(partition, ReportEmail.MessageId(group.Slug, lead, generation), cancellationToken));
            }

            var sent = entries.Count(e => e?.Status == MailLedgerEntry.Sent);
            var failed = entries.Where(e => e?.Status == MailLedgerEntry.Failed).ToList();
            r.Leads = group.Leads.Count;
            r.LeadsSent = sent;
            r.LeadsFailed = failed.Count;
            r.Status = group.Leads.Count == 0 ? ReportRunEntity.Stored
                : sent == group.Leads.Count ? ReportRunEntity.Sent
                : failed.Count > 0 ? ReportRunEntity.SendFailed
                : ReportRunEntity.Sending;
            r.LastError = failed.Count > 0 ? $"{failed.Count} email(s) not accepted: {failed[0]!.Error}" : null;
            if (r.Status == ReportRunEntity.Sent)
            {
                r.SentAt ??= clock.GetUtcNow();
            }
        }, cancellationToken);
    }

    private sealed record StoredWorkbook(byte[]? Content, long Size, IReadOnlyList<Headline> Headlines);

    [LoggerMessage(LogLevel.Information, "Monthly workbook {Summary}")]
    private partial void LogOutcome(string summary);

    [LoggerMessage(LogLevel.Error, "The {PeerGroup} workbook for {Month} could not be built")]
    private partial void LogBuildFailed(Exception exception, string peerGroup, string month);
}
