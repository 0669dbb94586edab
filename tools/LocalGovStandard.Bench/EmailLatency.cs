using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Register;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Bench;

/// <param name="Arrived">How many of the timed emails reached SendGrid within the wait.</param>
/// <param name="DirectMedianMs">The baseline: the same kind of SendGrid request made directly by the app's sender, one at a time.</param>
internal sealed record EmailLatencyResult(int Emails, int Arrived, double MedianMs, double P95Ms, double DirectMedianMs, double DirectP95Ms);

/// <summary>
/// The time from a sign-up's answer (202) to its verification email's request reaching SendGrid (the loopback capture
/// server), with the email queue's in-process listener on, as it runs standalone (its poll interval included), under the
/// intake's 32 clients. The baseline is what sending costs at all: the app's SendGrid sender sending one email to the
/// same server, one at a time, from the same process.
/// </summary>
internal static class EmailLatency
{
    public const int Emails = 256;
    private const int DirectSends = 64;
    private static readonly TimeSpan MostToWait = TimeSpan.FromMinutes(2);

    public static async Task<EmailLatencyResult> MeasureAsync(IReadOnlyList<CouncilEntity> councils)
    {
        await using var app = await BenchApp.StartAsync(storage => BenchRegister.WriteAsync(storage.ConnectionString, councils));
        using var client = app.CreateClient();
        await SignUpAndWaitAsync(app, client, councils, "latency-warm-up", ConcurrentLoad.Clients);
        app.SendGrid.Reset();

        var answered = await SignUpAndWaitAsync(app, client, councils, "latency", Emails);
        var latencies = app.SendGrid.RequestsSoFar
            .Where(r => answered.ContainsKey(r.To))
            .Select(r => Stopwatch.GetElapsedTime(answered[r.To], r.ReceivedTimestamp).TotalMilliseconds)
            .Order().ToArray();
        var direct = await DirectSendsAsync(app);

        return new EmailLatencyResult(Emails, latencies.Length, ConcurrentLoad.Percentile(latencies, 0.50), ConcurrentLoad.Percentile(latencies, 0.95),
            ConcurrentLoad.Percentile(direct, 0.50), ConcurrentLoad.Percentile(direct, 0.95));
    }

    /// <returns>When each sign-up's answer came, by address.</returns>
    private static async Task<ConcurrentDictionary<string, long>> SignUpAndWaitAsync(
        BenchApp app, HttpClient client, IReadOnlyList<CouncilEntity> councils, string prefix, int count)
    {
        var answered = new ConcurrentDictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        await ConcurrentLoad.RunAsync(count, async i =>
        {
            var email = BenchContacts.Email(prefix, i);
            using var response = await client.PostAsJsonAsync("/api/signups", IntakeScenario.SignupBody(councils, email, i));
            answered[email] = Stopwatch.GetTimestamp();
            return response.StatusCode == HttpStatusCode.Accepted;
        });

        var waited = Stopwatch.StartNew();
        while (app.SendGrid.RequestsSoFar.Count(r => answered.ContainsKey(r.To)) < answered.Count && waited.Elapsed < MostToWait)
        {
            await Task.Delay(50);
        }

        return answered;
    }

    private static async Task<double[]> DirectSendsAsync(BenchApp app)
    {
        var sender = app.Services.GetRequiredService<IEmailSender>();
        var latencies = new double[DirectSends];
        for (var i = 0; i < DirectSends; i++)
        {
            var message = new EmailMessage($"direct-{i}", "verification", new EmailAddress(BenchContacts.Email("direct", i), "Direct Send"),
                "Confirm your email address", "Confirm your email address.", "<p>Confirm your email address.</p>");
            var before = Stopwatch.GetTimestamp();
            await sender.SendAsync(message, CancellationToken.None);
            latencies[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
        }

        return latencies.Order().ToArray();
    }
}
