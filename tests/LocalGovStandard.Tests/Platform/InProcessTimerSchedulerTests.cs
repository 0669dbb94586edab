using System.Threading.Channels;
using Azure.Data.Tables;
using LocalGovStandard.Dashboard;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// The standalone scheduler in a real web application (hosted services start before the endpoints exist, as
/// under <c>./build.sh run</c>), on a fake clock, auditing to real Azurite: a timer fires when its time comes.
/// </summary>
public sealed class InProcessTimerSchedulerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 2, 59, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ThreeAm = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private Azurite Storage { get; } = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private LogCapture Logs { get; } = new();
    private WebApplication? _app;

    public Task InitializeAsync() => Storage.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Storage.DisposeAsync();
    }

    [Fact]
    public async Task ATimer_FiresWhenItsTimeComes_AndTheRunIsAudited()
    {
        var runs = await StartAppAsync(dueAtStart: false);
        await WaitForLogAsync("Timer function DailyAtThree next runs at 2026-12-04 03:00:00Z");

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(runs.TryRead(out _), "The timer ran before 03:00.");

        var run = await AdvanceUntilRunAsync(runs);

        Assert.Equal(("DailyAtThree", "scheduler"), (run.FunctionName, run.Trigger));
        Assert.InRange(run.StartedAt, ThreeAm, ThreeAm.AddMinutes(1));
        await WaitForLogAsync("Timer function DailyAtThree next runs at 2026-12-05 03:00:00Z");
        var audit = await _app!.Services.GetRequiredService<AuditLog>().ForMonthAsync(ThreeAm, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "timer.run" && e.Subject == "DailyAtThree" && e.Actor == "scheduler");
    }

    [Fact]
    public async Task ATimerDueAtStart_RunsOnceBeforeItsSchedule()
    {
        var runs = await StartAppAsync(dueAtStart: true);

        var run = await runs.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(Start, run.StartedAt);
        await WaitForLogAsync("Timer function DailyAtThree next runs at 2026-12-04 03:00:00Z");
        Assert.False(runs.TryRead(out _), "The timer ran more than once at start.");
    }

    [Fact]
    public async Task TheDashboard_IsDueAtStartOnlyWhileNoSnapshotIsStored()
    {
        var tables = new TableServiceClient(Storage.ConnectionString);
        var table = tables.GetTableClient(TableNames.MonthlySnapshots);
        await table.CreateIfNotExistsAsync();
        var snapshots = new SnapshotStore(table);
        Assert.False(await snapshots.AnyAsync(CancellationToken.None));

        await table.UpsertEntityAsync(new TableEntity("2026-12", "london|all"));

        Assert.True(await snapshots.AnyAsync(CancellationToken.None));
    }

    private async Task<ChannelReader<TimerContext>> StartAppAsync(bool dueAtStart)
    {
        var runs = Channel.CreateUnbounded<TimerContext>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(Logs);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddOptions<TimerSchedulerOptions>();
        builder.Services.AddSingleton(new TableServiceClient(Storage.ConnectionString));
        builder.Services.AddKeyedSingleton(TableNames.AuditLog, (services, _) => services.GetRequiredService<TableServiceClient>().GetTableClient(TableNames.AuditLog));
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton(new DailyAtThree(runs.Writer, dueAtStart));
        builder.Services.AddHostedService<InProcessTimerScheduler>();
        await new TableServiceClient(Storage.ConnectionString).CreateTableIfNotExistsAsync(TableNames.AuditLog);

        _app = builder.Build();
        _app.MapTimerFunction<DailyAtThree>("DailyAtThree", "0 0 3 * * *");
        await _app.StartAsync();
        return runs.Reader;
    }

    /// <summary>
    /// Moves the fake clock a second at a time until the timer runs: the scheduler may register its wait a moment
    /// after logging it, and a wait registered after a jump would only end a jump later.
    /// </summary>
    private async Task<TimerContext> AdvanceUntilRunAsync(ChannelReader<TimerContext> runs)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            using var nudge = CancellationTokenSource.CreateLinkedTokenSource(patience.Token);
            nudge.CancelAfter(TimeSpan.FromMilliseconds(200));
            try
            {
                return await runs.ReadAsync(nudge.Token);
            }
            catch (OperationCanceledException) when (!patience.IsCancellationRequested)
            {
            }
        }
    }

    private async Task WaitForLogAsync(string text)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!Logs.Lines.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, patience.Token);
        }
    }

    private sealed class DailyAtThree(ChannelWriter<TimerContext> runs, bool dueAtStart) : ITimerFunction, IDueAtStart
    {
        public async Task<IReadOnlyList<string>> RunAsync(TimerContext context, CancellationToken cancellationToken)
        {
            await runs.WriteAsync(context, cancellationToken);
            return ["ran"];
        }

        public Task<bool> IsDueAtStartAsync(CancellationToken cancellationToken) => Task.FromResult(dueAtStart);
    }
}
