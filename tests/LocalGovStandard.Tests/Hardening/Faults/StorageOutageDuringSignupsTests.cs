using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Hardening.Faults;

/// <summary>
/// 1,000 sign-ups while storage goes away part-way and comes back (on disk, same ports): what was
/// acknowledged is kept, everything else got a clear 503, and nothing is half-stored.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class StorageOutageDuringSignupsTests(StorageOutageDuringSignupsTests.Fixture fixture) : IClassFixture<StorageOutageDuringSignupsTests.Fixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    private const int SignUps = 1000;
    private const int StopAfter = 300;
    private const int RefusedBeforeRestart = 32;
    private static readonly TestCouncil[] Councils = TestRegister.All.Where(c => c.Current).ToArray();

    public sealed class Fixture() : RegisteredServiceFixture(Azurite.OnDisk());

    [Fact]
    public async Task SignupsDuringAnOutage_AcknowledgedAreStored_OthersAre503WithRetryAfterAndAReference_NothingHalfStored()
    {
        var answers = new ConcurrentDictionary<string, (HttpStatusCode Status, string? RetryAfter, string Body)>();
        var councilOf = new ConcurrentDictionary<string, TestCouncil>();
        var acknowledged = 0;
        var outage = new TaskCompletionSource();
        var refusedDuringOutage = new TaskCompletionSource();
        var refusedCount = 0;
        var client = fixture.CreateClient();

        var sending = Parallel.ForEachAsync(Enumerable.Range(0, SignUps), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            var council = Councils[i % Councils.Length];
            var email = $"outage.{i:D4}@{council.NiceName.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal)}.gov.uk";
            councilOf[email] = council;
            using var response = await client.PostAsJsonAsync("/api/signups", SignupSteps.Body(council, email), cancellationToken);
            answers[email] = (response.StatusCode, response.Headers.RetryAfter?.ToString(), await response.Content.ReadAsStringAsync(cancellationToken));
            if (response.StatusCode == HttpStatusCode.Accepted && Interlocked.Increment(ref acknowledged) == StopAfter)
            {
                outage.TrySetResult();
            }

            if (response.StatusCode != HttpStatusCode.Accepted && Interlocked.Increment(ref refusedCount) == RefusedBeforeRestart)
            {
                refusedDuringOutage.TrySetResult();
            }
        });

        await outage.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await fixture.Storage.StopGracefullyAsync();
        // Storage stays down until requests have been refused during the outage, however fast or slow the machine.
        await refusedDuringOutage.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await fixture.Storage.RestartAsync();
        await sending;

        var contacts = await ContactsAsync();
        var stored = contacts.ToDictionary(c => c.ContactEmail, StringComparer.OrdinalIgnoreCase);
        var created = answers.Where(a => a.Value.Status == HttpStatusCode.Accepted).Select(a => a.Key).ToList();
        var refused = answers.Where(a => a.Value.Status != HttpStatusCode.Accepted).ToList();

        Assert.Equal(SignUps, answers.Count);
        Assert.NotEmpty(refused);
        Assert.NotEmpty(created);
        Assert.All(created, email => Assert.True(stored.ContainsKey(email), $"{email} was acknowledged but is not stored"));
        Assert.All(refused, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Value.Status);
            Assert.Equal("30", answer.Value.RetryAfter);
            Assert.StartsWith("ERR-", JsonNode.Parse(answer.Value.Body)!["reference"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.All(contacts, contact =>
        {
            Assert.False(string.IsNullOrEmpty(contact.Reference));
            Assert.False(string.IsNullOrEmpty(contact.VerificationTokenHash));
            Assert.NotNull(contact.VerificationExpiresAt);
        });
        var emailed = fixture.SendGrid.Accepted.Select(r => r.To).ToList();
        Assert.NotEmpty(emailed);
        Assert.All(emailed, to => Assert.True(stored.ContainsKey(to), $"{to} was sent a link but has no contact row"));
        Assert.Equal(emailed.Count, emailed.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // Each refused person tries again after the Retry-After, as the 503 asked: they are signed up and get a link,
        // also when storage went away after their row was written.
        _clock.Advance(TimeSpan.FromSeconds(31));
        var retried = new ConcurrentDictionary<string, HttpStatusCode>();
        await Parallel.ForEachAsync(refused.Select(r => r.Key), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (email, cancellationToken) =>
        {
            using var response = await client.PostAsJsonAsync("/api/signups", SignupSteps.Body(councilOf[email], email), cancellationToken);
            retried[email] = response.StatusCode;
        });
        var afterRetry = (await ContactsAsync()).ToDictionary(c => c.ContactEmail, StringComparer.OrdinalIgnoreCase);
        var emailedAfterRetry = fixture.SendGrid.Accepted.Select(r => r.To).ToList();
        Assert.All(retried, answer => Assert.True(answer.Value is HttpStatusCode.Accepted, $"{answer.Key} retried: {answer.Value}"));
        Assert.All(retried.Keys, email => Assert.True(afterRetry.ContainsKey(email) && emailedAfterRetry.Contains(email, StringComparer.OrdinalIgnoreCase), $"{email} retried but has no row or no link"));
        // Each link is emailed once: a retry either keeps the link whose email went (within the minute a repeat keeps it) or sends a new one.
        var messages = fixture.SendGrid.Accepted.Select(r => r.MessageId).ToList();
        Assert.Equal(messages.Count, messages.Distinct(StringComparer.Ordinal).Count());
    }

    private async Task<List<ContactEntity>> ContactsAsync()
    {
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Signups);
        var contacts = new List<ContactEntity>();
        await foreach (var row in table.QueryAsync<ContactEntity>(c => c.Kind == SignupKeys.ContactKind))
        {
            contacts.Add(row);
        }

        return contacts;
    }
}
