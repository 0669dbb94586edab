using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Specialized;
using LocalGovStandard.Backups;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Privacy;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Backups;

/// <summary>
/// The nightly backup and the restore command on Azurite: a seeded installation backed up, wiped and restored is
/// the same row for row; a run cut off part-way carries on; one day is written by one run; a corrupted file is
/// refused; and an erased person stays erased. Each test backs up a date of its own.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class BackupRestoreTests(BackupFixture fixture) : IClassFixture<BackupFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    private static readonly TestCouncil Council = TestRegister.Camden;

    private TableBackup Backup => fixture.Service<TableBackup>();

    [Fact]
    public async Task ASeededInstallation_BackedUpWipedAndRestored_HasEveryRowBackWithItsTypes()
    {
        await SeedAsync("backup.lead@camden.gov.uk", "backup.colleague@camden.gov.uk");

        // The timer itself, as an organiser runs it, backs up today. Its audit entries (the organiser's run, then
        // "backup.completed") are written around the export, and only the first is in the backup.
        var date = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        using var run = await fixture.CreateAdminClient().PostAsync(new Uri($"/api/admin/timers/{BackupTables.Name}/run", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var before = (await fixture.RowsAsync())
            .Where(r => !(r.Key.StartsWith(TableNames.AuditLog + "/", StringComparison.Ordinal) && r.Value.Contains("Action=String:backup.completed;", StringComparison.Ordinal)))
            .ToDictionary();
        foreach (var table in new[] { TableNames.Councils, TableNames.PeerGroups, TableNames.Signups, TableNames.Assessments, TableNames.SubmittedAssessments, TableNames.AuditLog, TableNames.MailLedger, TableNames.Summits })
        {
            Assert.Contains(before.Keys, key => key.StartsWith(table + "/", StringComparison.Ordinal));
        }

        var manifest = BackupManifest.Parse((await fixture.Backups.GetBlobClient(BackupManifest.BlobName(date)).DownloadContentAsync()).Value.Content)!;
        Assert.Equal(TableNames.BackedUp, manifest.Tables.Select(t => t.Table));
        Assert.Equal(before.Count, manifest.Tables.Sum(t => t.Rows));
        Assert.All(manifest.Tables, t => Assert.Matches("^[0-9a-f]{64}$", t.Sha256));

        await fixture.WipeAsync();
        Assert.Empty(await fixture.RowsAsync());

        var output = new StringWriter();
        var exit = await RestoreBackupCommand.RunAsync(fixture.App.Services, [RestoreBackupCommand.Verb, BackupManifest.Folder(date)], output);

        Assert.True(exit == 0, output.ToString());
        var after = await fixture.RowsAsync();
        Assert.True(before.OrderBy(r => r.Key, StringComparer.Ordinal).SequenceEqual(after), "Rows differ after the restore:\n" + string.Join("\n",
            before.Except(after).Select(r => "- " + r.Key + " " + r.Value).Concat(after.Except(before).Select(r => "+ " + r.Key + " " + r.Value)).Take(10)));
        Assert.Contains($"{TableNames.Signups}: {manifest.Tables.Single(t => t.Table == TableNames.Signups).Rows} of ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryEdmType_SurvivesTheBackupExactly()
    {
        var table = fixture.Tables.GetTableClient(TableNames.Summits);
        var row = new TableEntity("backup-types", "row")
        {
            ["Text"] = "=1+1 ünïcödé\n",
            ["Flag"] = true,
            ["Small"] = int.MinValue,
            ["Large"] = long.MaxValue,
            ["Fraction"] = 0.1 + 0.2,
            ["Whole"] = 3.0,
            ["At"] = new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero).AddTicks(1234567),
            ["Id"] = Guid.Parse("5f3b1c7e-2d4a-4e55-9a51-0c1f2b3d4e5f"),
            ["Bytes"] = new byte[] { 0, 1, 254, 255 },
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);
        var stored = (await table.GetEntityAsync<TableEntity>("backup-types", "row")).Value;
        var date = new DateOnly(2031, 2, 1);

        Assert.Equal(BackupStatus.Completed, (await Backup.RunAsync(date, null, CancellationToken.None)).Status);
        var backedUp = (await fixture.BackedUpRowsAsync(date, TableNames.Summits)).Single(r => r.PartitionKey == "backup-types");

        foreach (var (name, value) in stored.Where(p => p.Key is not ("Timestamp" or "odata.etag")))
        {
            Assert.Equal(value?.GetType(), backedUp[name]?.GetType());
            Assert.Equal(value, backedUp[name]);
        }

        Assert.Equal(stored.Count(p => p.Key is not ("Timestamp" or "odata.etag")), backedUp.Count);
    }

    [Fact]
    public async Task ABackupCutOffPartWay_CarriesOnAfterTheLastRowWritten()
    {
        var date = new DateOnly(2031, 2, 2);
        var firstPage = new CutOffAfterFirstPage(_clock);

        var cut = await Backup.RunAsync(date, firstPage, CancellationToken.None);

        Assert.Equal(BackupStatus.CutOff, cut.Status);
        Assert.Contains(cut.Lines, line => line.Contains($"in {TableNames.Councils} at {BackupFixture.PageSize} row(s)", StringComparison.Ordinal));
        Assert.False(await fixture.Backups.GetBlobClient(BackupManifest.BlobName(date)).ExistsAsync());

        var resumed = await Backup.RunAsync(date, null, CancellationToken.None);

        Assert.Equal(BackupStatus.Completed, resumed.Status);
        Assert.Contains($"{TableNames.Councils}: resumed after {BackupFixture.PageSize} row(s).", resumed.Lines);
        var councils = new List<string>();
        await foreach (var council in fixture.Tables.GetTableClient(TableNames.Councils).QueryAsync<TableEntity>())
        {
            councils.Add($"{council.PartitionKey}/{council.RowKey}");
        }

        Assert.True(councils.Count > BackupFixture.PageSize * 2, "The register should take several pages.");
        Assert.Equal(councils, (await fixture.BackedUpRowsAsync(date, TableNames.Councils)).Select(r => $"{r.PartitionKey}/{r.RowKey}"));
    }

    [Fact]
    public async Task TwoRunsForTheSameDay_OnlyOneWrites()
    {
        var date = new DateOnly(2031, 2, 3);
        var state = new Azure.Storage.Blobs.BlobServiceClient(fixture.Storage.ConnectionString)
            .GetBlobContainerClient(BlobContainerNames.BackupState).GetBlobClient($"{BackupManifest.Folder(date)}.json");
        await state.UploadAsync(BinaryData.FromString(""));
        var otherRun = state.GetBlobLeaseClient();
        await otherRun.AcquireAsync(TimeSpan.FromSeconds(60));

        var blocked = await Backup.RunAsync(date, null, CancellationToken.None);

        Assert.Equal(BackupStatus.Busy, blocked.Status);
        Assert.Empty(await BlobsAsync(date));

        await otherRun.ReleaseAsync();
        var both = await Task.WhenAll(
            Backup.RunAsync(date, null, CancellationToken.None),
            Backup.RunAsync(date, null, CancellationToken.None));

        Assert.Single(both, r => r.Status == BackupStatus.Completed);
        Assert.All(both.Where(r => r.Status != BackupStatus.Completed), r => Assert.Contains(r.Status, new[] { BackupStatus.Busy, BackupStatus.AlreadyComplete }));
        Assert.Equal(BackupStatus.AlreadyComplete, (await Backup.RunAsync(date, null, CancellationToken.None)).Status);
        Assert.Equal(TableNames.BackedUp.Length + 1, (await BlobsAsync(date)).Count);
    }

    [Fact]
    public async Task ACorruptedFile_IsRefusedWithAClearMessage_AndNothingIsWritten()
    {
        var date = new DateOnly(2031, 2, 4);
        Assert.Equal(BackupStatus.Completed, (await Backup.RunAsync(date, null, CancellationToken.None)).Status);
        var file = fixture.Backups.GetBlobClient(BackupManifest.TableBlobName(date, TableNames.Councils));
        var bytes = (await file.DownloadContentAsync()).Value.Content.ToArray();
        bytes[bytes.Length / 2] ^= 0xFF;
        await file.UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);

        var output = new StringWriter();
        var exit = await RestoreBackupCommand.RunAsync(fixture.App.Services, [RestoreBackupCommand.Verb, BackupManifest.Folder(date), "--overwrite"], output);

        Assert.Equal(1, exit);
        Assert.Contains($"backups/{BackupManifest.Folder(date)}/Councils.jsonl.gz is corrupted: its SHA-256 is ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was restored.", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
    }

    [Fact]
    public async Task RestoringOverTablesWithRows_IsRefused_UnlessToldToOverwrite()
    {
        var date = new DateOnly(2031, 2, 5);
        Assert.Equal(BackupStatus.Completed, (await Backup.RunAsync(date, null, CancellationToken.None)).Status);
        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);

        var refused = new StringWriter();
        Assert.Equal(1, await RestoreBackupCommand.RunAsync(fixture.App.Services, [RestoreBackupCommand.Verb, BackupManifest.Folder(date), "--tables", "Councils,PeerGroups"], refused));
        Assert.Contains("These tables are not empty: Councils, PeerGroups. Nothing was restored.", refused.ToString(), StringComparison.Ordinal);
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));

        var unknown = new StringWriter();
        Assert.Equal(1, await RestoreBackupCommand.RunAsync(fixture.App.Services, [RestoreBackupCommand.Verb, BackupManifest.Folder(date), "--tables", "Nonsense"], unknown));
        Assert.Contains("Not in the backup for 2031-02-05: Nonsense.", unknown.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await RestoreBackupCommand.RunAsync(fixture.App.Services, [RestoreBackupCommand.Verb, "5 Feb"], new StringWriter()));
        var missing = new StringWriter();
        Assert.Equal(1, await RestoreBackupCommand.RunAsync(fixture.App.Services, [RestoreBackupCommand.Verb, "2031-03-09"], missing));
        Assert.Contains("There is no finished backup for 2031-03-09", missing.ToString(), StringComparison.Ordinal);

        var overwritten = new StringWriter();
        Assert.Equal(0, await RestoreBackupCommand.RunAsync(fixture.App.Services, [RestoreBackupCommand.Verb, BackupManifest.Folder(date), "--tables", "Councils", "--overwrite"], overwritten));
        Assert.Contains($"Councils: {TestRegister.All.Length} of {TestRegister.All.Length} row(s) restored.", overwritten.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErasedPerson_StaysErased_AfterTheirBackupIsRestored()
    {
        const string email = "restored.person@camden.gov.uk", name = "Restored Person", colleague = "kept.colleague@camden.gov.uk";
        var client = fixture.CreateClient();
        await SignupSteps.SignUpAsync(client, SignupSteps.Body(Council, email, name));
        var reference = SignupSteps.ReferenceFor(fixture.SendGrid, email);
        (await client.GetAsync(new Uri(SignupSteps.LatestVerificationLink(fixture.SendGrid, email).PathAndQuery, UriKind.Relative))).EnsureSuccessStatusCode();
        await AccessSteps.VerifiedContactAsync(fixture, Council, colleague);
        var date = new DateOnly(2031, 2, 6);
        Assert.Equal(BackupStatus.Completed, (await Backup.RunAsync(date, null, CancellationToken.None)).Status);

        using var erased = await fixture.CreateAdminClient().DeleteAsync(new Uri($"/api/admin/contacts/{Council.GssCode}/{reference}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        await fixture.WipeAsync();

        var outcome = await fixture.Service<BackupRestore>().RestoreAsync(date, null, overwrite: false, _ => { }, CancellationToken.None);

        Assert.Null(outcome.Refusal);
        Assert.Equal(1, outcome.ErasedAgain);
        var tables = (await StorageScan.FindAsync(fixture, [email, name, reference])).Where(f => f.Store.StartsWith("table ", StringComparison.Ordinal));
        Assert.Empty(tables);
        Assert.Contains(await StorageScan.FindAsync(fixture, [colleague]), f => f.Store == $"table {TableNames.Signups}");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.CreateAdminClient().GetAsync(new Uri($"/api/admin/contacts/{Council.GssCode}/{reference}/personal-data", UriKind.Relative))).StatusCode);
    }

    /// <summary>Two verified contacts, one of whom submits an assessment; the peer groups' defaults; an audit trail and a mail ledger come with them.</summary>
    private async Task SeedAsync(string lead, string colleague)
    {
        await AccessSteps.VerifiedContactAsync(fixture, Council, lead);
        await AccessSteps.VerifiedContactAsync(fixture, Council, colleague);
        var person = await AccessSteps.BearerClientAsync(fixture, lead);
        await AssessmentSteps.SubmittedAsync(person, AssessmentSteps.SelfDetails("lgdss-2016", "Backed-up permits"), _ => "met", 15);
        (await fixture.CreateClient().GetAsync(new Uri("/api/peer-groups", UriKind.Relative))).EnsureSuccessStatusCode();
        await LocalGovStandard.Tests.Summits.SummitSteps.CreateSummitAsync(fixture.CreateAdminClient(), _clock, capacity: 10);
    }

    private async Task<IReadOnlyList<string>> BlobsAsync(DateOnly date)
    {
        var names = new List<string>();
        await foreach (var blob in fixture.Backups.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, BackupManifest.Folder(date) + "/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Moves the clock past the time budget once the first page is staged, as a run that has taken too long.</summary>
    private sealed class CutOffAfterFirstPage(FakeTimeProvider clock) : IProgress<BackupPageStaged>
    {
        private int _pages;

        public void Report(BackupPageStaged value)
        {
            if (Interlocked.Increment(ref _pages) == 1)
            {
                clock.Advance(TimeSpan.FromHours(1));
            }
        }
    }
}
