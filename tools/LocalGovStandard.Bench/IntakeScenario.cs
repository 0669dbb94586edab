using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using LocalGovStandard.Register;

namespace LocalGovStandard.Bench;

/// <param name="StorageRequestsPerSignup">Table, blob and queue requests the app made per sign-up before answering (outgoing HTTP metrics).</param>
/// <param name="StorageRequestsPerSecond">The app's storage requests per second while signing up: comparable with the bare inserts per second.</param>
/// <param name="BareInsertCpu">CPU per bare insert: Azurite's, and the SDK loop's in this process.</param>
/// <param name="SignupCpu">CPU per sign-up: Azurite's, and the app's with its 32 HTTP clients in this process.</param>
internal sealed record IntakeResult(
    int Scale, int Councils, LoadResult BareInserts, LoadResult Signups,
    double StorageRequestsPerSignup, double SendGridRequestsPerSignup, double StorageRequestsPerSecond, double PeakWorkingSetMB,
    PhaseCpu BareInsertCpu, PhaseCpu SignupCpu)
{
    /// <summary>From a sign-up's answer to its email's SendGrid request; measured at 1x only, in an app of its own with the queue listener on.</summary>
    public EmailLatencyResult? EmailLatency { get; init; }
}

/// <summary>
/// Sign-ups POSTed to /api/signups by 32 concurrent clients, against a bare Azure.Data.Tables
/// insert loop at the same concurrency into the same Azurite. Two sign-ups per council of the
/// (scaled) register, each a new contact, so each is the full request path: validate, store, audit,
/// queue the verification email. The email queue's in-process listener is off while they run, so the
/// storage requests counted are the ones before each answer; the sending is the queue function's work.
/// </summary>
internal static class IntakeScenario
{
    public const string Name = "intake";
    public const int ContactsPerCouncil = 2;
    /// <summary>
    /// With 128, the JIT's tiering took 10-28% of the CPU inside the timed sign-ups and the p99 ratio moved between 2x and 8x
    /// from run to run; with 1,024 it moved between 2.8x and 3.6x. The JIT still tiers some methods up while they run.
    /// </summary>
    public const int WarmUpOperations = 1024;

    public static async Task<IntakeResult> RunAsync(int scale)
    {
        var councils = await BenchRegister.CurrentCouncilsAsync(scale);
        var intake = await MeasureAsync(scale, councils);
        return scale == 1 ? intake with { EmailLatency = await EmailLatency.MeasureAsync(councils) } : intake;
    }

    private static async Task<IntakeResult> MeasureAsync(int scale, IReadOnlyList<CouncilEntity> councils)
    {
        await using var app = await BenchApp.StartAsync(
            storage => BenchRegister.WriteAsync(storage.ConnectionString, councils),
            new Dictionary<string, string?> { ["EmailQueue:RunInProcess"] = "false" });
        using var client = app.CreateClient();
        var inserts = new TableClient(app.Storage.ConnectionString, "BareInserts");
        await inserts.CreateAsync();
        var count = councils.Count * ContactsPerCouncil;

        await ConcurrentLoad.RunAsync(WarmUpOperations, i => InsertAsync(inserts, councils, "warm-up", i));
        await ConcurrentLoad.RunAsync(WarmUpOperations, i => SignUpAsync(client, councils, "warm-up", i));

        // The baseline brackets the sign-ups, half before and half after, so a change in the machine's load
        // during the run weighs on both alike.
        var (bareBefore, bareBeforeCpu) = await CpuSpent.MeasureAsync(app.Storage,
            () => ConcurrentLoad.RunAsync(count / 2, i => InsertAsync(inserts, councils, "before", i)));
        var outgoing = new OutgoingRequestCounter();
        var (signups, signupCpu) = await CpuSpent.MeasureAsync(app.Storage,
            () => ConcurrentLoad.RunAsync(count, i => SignUpAsync(client, councils, "contact", i)));
        outgoing.Dispose();
        var storageRequests = outgoing.To(app.Storage.TablePort) + outgoing.To(app.Storage.BlobPort) + outgoing.To(app.Storage.QueuePort);
        var sendGridRequests = outgoing.To(new Uri(app.SendGrid.BaseUrl).Port);
        var (bareAfter, bareAfterCpu) = await CpuSpent.MeasureAsync(app.Storage,
            () => ConcurrentLoad.RunAsync(count - count / 2, i => InsertAsync(inserts, councils, "after", i)));

        return new IntakeResult(scale, councils.Count, bareBefore.Plus(bareAfter), signups,
            storageRequests / (double)count, sendGridRequests / (double)count, storageRequests / signups.Seconds,
            Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,
            bareBeforeCpu.Plus(bareAfterCpu).PerOperation(), signupCpu.PerOperation());
    }

    public static object SignupBody(IReadOnlyList<CouncilEntity> councils, string email, int i) => new
    {
        councilCode = councils[i % councils.Count].GssCode,
        contactName = $"Contact {i}",
        contactEmail = email,
        jobTitle = "Head of Digital",
        adoptionRoute = "digital-strategy",
        consentToContact = true,
        consentToPublish = false,
    };

    private static async Task<bool> SignUpAsync(HttpClient client, IReadOnlyList<CouncilEntity> councils, string prefix, int i)
    {
        using var response = await client.PostAsJsonAsync("/api/signups", SignupBody(councils, BenchContacts.Email(prefix, i), i));
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    /// <summary>The row a sign-up writes first, with the same keys and about the same size.</summary>
    private static async Task<bool> InsertAsync(TableClient table, IReadOnlyList<CouncilEntity> councils, string prefix, int i)
    {
        var now = DateTimeOffset.UtcNow;
        var contact = BenchContacts.Pending(councils[i % councils.Count], BenchContacts.Email(prefix, i), i, now);
        contact.VerificationTokenHash = new string('a', 64);
        contact.VerificationExpiresAt = now.AddDays(3);
        contact.LinkIssuedAt = now;
        await table.AddEntityAsync(contact);
        return true;
    }
}
