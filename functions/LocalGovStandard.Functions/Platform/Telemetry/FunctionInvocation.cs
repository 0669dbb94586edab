using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.Primitives;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace LocalGovStandard.Platform.Telemetry;

/// <summary>
/// The Functions host's invocation id for the request being handled. The host sends it to a custom
/// handler as the <c>X-Azure-Functions-InvocationId</c> header, on forwarded HTTP requests and on the
/// <c>POST /{FunctionName}</c> of other triggers alike (azure-functions-host, DefaultHttpWorkerService.AddHeaders).
/// </summary>
public static class FunctionInvocation
{
    public const string HeaderName = "X-Azure-Functions-InvocationId";

    /// <summary>The property name the host itself uses in Application Insights, so one query finds both sides.</summary>
    public const string PropertyName = "InvocationId";

    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The invocation being handled on this async flow, or null outside one (standalone, background work).</summary>
    public static string? CurrentId => Current.Value;

    /// <summary>
    /// The host adds its header after copying the caller's headers, so a caller's own value may come
    /// first: the last value wins. Only a GUID is taken, so a caller cannot put other text in the logs.
    /// </summary>
    public static string? FromHeaders(IHeaderDictionary headers)
    {
        StringValues values = headers[HeaderName];
        for (var i = values.Count - 1; i >= 0; i--)
        {
            if (Guid.TryParse(values[i], out var id))
            {
                return id.ToString("D");
            }
        }

        return null;
    }

    internal static IDisposable Begin(string invocationId)
    {
        var previous = Current.Value;
        Current.Value = invocationId;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>
/// First in the pipeline, so everything after it (the fault handler included) runs inside the
/// invocation: a logging scope and the ambient id for the log processor, and a tag on the request's span.
/// </summary>
public sealed class FunctionInvocationMiddleware(RequestDelegate next, ILogger<FunctionInvocationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var invocationId = FunctionInvocation.FromHeaders(context.Request.Headers);
        if (invocationId is null)
        {
            await next(context);
            return;
        }

        Activity.Current?.SetTag(FunctionInvocation.PropertyName, invocationId);
        using var ambient = FunctionInvocation.Begin(invocationId);
        using var scope = logger.BeginScope(new InvocationScope(invocationId));
        await next(context);
    }
}

/// <summary>A logging scope of one property, which prints as <c>InvocationId:&lt;id&gt;</c>.</summary>
public sealed class InvocationScope(string invocationId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string InvocationId { get; } = invocationId;

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(FunctionInvocation.PropertyName, InvocationId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{FunctionInvocation.PropertyName}:{InvocationId}";
}

/// <summary>
/// Adds <c>InvocationId</c> to every exported log record written during an invocation. Exported logs
/// do not include scopes: ASP.NET Core's request scope carries the raw path, and HttpClient's the
/// full URL (docs/decisions/0007-telemetry.md), so the one scope value we want is added here instead.
/// Runs on the thread that logs, before the exporter's batch processor sees the record.
/// </summary>
public sealed class InvocationIdLogProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (FunctionInvocation.CurrentId is not { } invocationId)
        {
            return;
        }

        var attributes = new List<KeyValuePair<string, object?>>((data.Attributes?.Count ?? 0) + 1);
        if (data.Attributes is not null)
        {
            attributes.AddRange(data.Attributes);
        }

        attributes.Add(new(FunctionInvocation.PropertyName, invocationId));
        data.Attributes = attributes;
    }
}
