using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// A loopback stand-in for api.sendgrid.com that the real SendGrid SDK talks to. Records every
/// v3 mail/send request and answers 202, or whatever a test has queued (429, 500, a hang).
/// </summary>
public sealed class SendGridCaptureServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<CannedResponse> _script = new();
    // UTC ticks, read and written with Interlocked: requests arrive on several threads at once.
    private long _retryNotBeforeTicks;

    /// <summary>
    /// A client's timer may fire a few milliseconds before the server's clock says the wait is over (seen on CI); a
    /// client that ignores Retry-After retries after the 50 ms base delay, far inside this margin.
    /// </summary>
    private static readonly TimeSpan RetryAfterTolerance = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// Waits until the app has nothing left to send (its email queue is empty): set by a fixture whose app delivers its
    /// queue in process, so a test that made a request and then looks at the mail sees what that request queued.
    /// </summary>
    public Func<Task>? Settle { get; set; }

    /// <summary>Every request received, including the ones answered with an error, once the app's queued mail has settled.</summary>
    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            WaitUntilSettled();
            return _requests.ToList();
        }
    }

    /// <summary>Only the requests answered 202 (the mail SendGrid would actually send), once the app's queued mail has settled.</summary>
    public IReadOnlyList<CapturedRequest> Accepted => Requests.Where(r => r.AnsweredStatus == 202).ToList();

    /// <summary>The requests received so far, without waiting for the queue: for tests of the queue itself.</summary>
    public IReadOnlyList<CapturedRequest> RequestsSoFar => _requests.ToList();

    private void WaitUntilSettled()
    {
        if (Settle is { } settle)
        {
            settle().GetAwaiter().GetResult();
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v3/mail/send", HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();
    }

    /// <summary>While true, every request is answered 503 (after any scripted answers), as SendGrid during an outage.</summary>
    public bool Down { get; set; }

    /// <summary>The next requests get these answers, in order; after that, 202.</summary>
    public void Enqueue(params CannedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    /// <summary>
    /// As SendGrid does: after a 429 with Retry-After, a request that comes sooner is refused again (and recorded),
    /// so a test sees a client that did not wait as an extra 429 rather than by timing it.
    /// </summary>
    private CannedResponse? TooEarly()
    {
        var wait = new DateTimeOffset(Interlocked.Read(ref _retryNotBeforeTicks), TimeSpan.Zero) - DateTimeOffset.UtcNow;
        return wait > TimeSpan.Zero ? new CannedResponse(429, RetryAfterSeconds: (int)Math.Ceiling(wait.TotalSeconds)) : null;
    }

    /// <summary>Forgets what was received, once the app's queued mail has settled (so none of it arrives afterwards).</summary>
    public void Reset()
    {
        WaitUntilSettled();
        Interlocked.Exchange(ref _retryNotBeforeTicks, 0);
        Down = false;
        _script.Clear();
        _requests.Clear();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var canned = TooEarly() ?? (_script.TryDequeue(out var next) ? next : Down ? new CannedResponse(503) : CannedResponse.Accepted);
        _requests.Enqueue(new CapturedRequest(context.Request.Headers.Authorization.ToString(), JsonNode.Parse(body)!, canned.Status));
        foreach (var token in LinkTokens.In(body))
        {
            SuiteLogs.Secret(token);
        }

        if (canned.Delay > TimeSpan.Zero)
        {
            await Task.Delay(canned.Delay, context.RequestAborted);
        }

        if (canned.Until is { } until)
        {
            await until.WaitAsync(context.RequestAborted);
        }

        context.Response.StatusCode = canned.Status;
        if (canned.RetryAfterSeconds is { } retryAfter)
        {
            Interlocked.Exchange(ref _retryNotBeforeTicks, (DateTimeOffset.UtcNow.AddSeconds(retryAfter) - RetryAfterTolerance).UtcTicks);
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (canned.Status == 202)
        {
            context.Response.Headers["X-Message-Id"] = "sg-" + Guid.NewGuid().ToString("N")[..16];
            return;
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(new { errors = new[] { new { message = "canned failure" } } }));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <param name="Until">When given, the answer waits for it too: a test holds a request in flight while it does something else.</param>
public sealed record CannedResponse(int Status, int? RetryAfterSeconds = null, TimeSpan Delay = default, Task? Until = null)
{
    public static readonly CannedResponse Accepted = new(202);
}

public sealed record CapturedRequest(string Authorization, JsonNode Body, int AnsweredStatus)
{
    /// <summary>When the server had read the request (<see cref="System.Diagnostics.Stopwatch"/> ticks), for the bench's email latency.</summary>
    public long ReceivedTimestamp { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public string To => Body["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>();
    public string From => Body["from"]!["email"]!.GetValue<string>();
    public string Subject => Body["subject"]!.GetValue<string>();
    /// <summary>Our message id, from the personalization's custom_args (where per-recipient ids belong).</summary>
    public string MessageId => (Body["personalizations"]![0]!["custom_args"] ?? Body["custom_args"])!["message_id"]!.GetValue<string>();
    /// <summary>Each recipient's RFC 5322 Message-ID header: set on its personalization, or once for the whole message.</summary>
    public IReadOnlyList<string?> MessageIdHeaders => Body["personalizations"]!.AsArray()
        .Select(p => (p!["headers"]?["Message-ID"] ?? Body["headers"]?["Message-ID"])?.GetValue<string>())
        .ToList();

    public string PlainText => Content("text/plain");
    public string Html => Content("text/html");

    private string Content(string type) => Body["content"]!.AsArray().First(c => c!["type"]!.GetValue<string>() == type)!["value"]!.GetValue<string>();
}
