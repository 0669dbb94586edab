using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace LocalGovStandard.Platform.Telemetry;

/// <summary>
/// Console format under the Functions host, which reads the handler's stdout line by line and logs
/// each line as its own entry (category <c>Host.Function.Console</c>). So every entry is one line:
/// <c>info: Category[event] InvocationId=&lt;id&gt; message</c>, with an exception folded onto it.
/// Of the scopes only <see cref="InvocationScope"/> is written: ASP.NET Core's request scope would
/// put raw request paths on every line (docs/decisions/0007-telemetry.md).
/// </summary>
public sealed class FunctionsConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "functions";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        string? invocationId = null;
        scopeProvider?.ForEachScope((scope, _) =>
        {
            if (scope is InvocationScope invocation)
            {
                invocationId = invocation.InvocationId;
            }
        }, (object?)null);

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write("] ");
        if (invocationId is not null)
        {
            textWriter.Write(FunctionInvocation.PropertyName);
            textWriter.Write('=');
            textWriter.Write(invocationId);
            textWriter.Write(' ');
        }

        textWriter.Write(OneLine(message));
        if (logEntry.Exception is not null)
        {
            textWriter.Write(" | ");
            textWriter.Write(OneLine(logEntry.Exception.ToString()));
        }

        textWriter.Write('\n');
    }

    private static string OneLine(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.ReplaceLineEndings(" | ");

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
