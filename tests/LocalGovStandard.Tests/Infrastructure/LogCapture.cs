using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// Keeps every formatted log line the app writes, so tests can check what reaches the logs, and
/// the scopes each entry was written in (as a log provider that supports scopes would see them).
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => _entries.Select(e => e.Line).ToList();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<KeyValuePair<string, string?>>();
            capture._scopes.ForEachScope((scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    list.AddRange(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value?.ToString())));
                }
                else if (scope is not null)
                {
                    list.Add(new("Scope", scope.ToString()));
                }
            }, scopes);

            var line = $"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
            capture._entries.Enqueue(new CapturedLog(line, scopes));
            SuiteLogs.Record(line);
        }
    }
}

/// <summary>One log entry: its formatted line, and the values of the scopes it was written in.</summary>
public sealed record CapturedLog(string Line, IReadOnlyList<KeyValuePair<string, string?>> Scopes);
