using System.Diagnostics;

namespace LocalGovStandard.Platform.Errors;

/// <summary>
/// The short reference shown to a user with an error, and written to the log with the fault,
/// so support can find one from the other.
/// </summary>
public static class ErrorReference
{
    private const string ItemKey = "ErrorReference";

    public static string For(HttpContext context)
    {
        if (context.Items[ItemKey] is string existing)
        {
            return existing;
        }

        var source = Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        var reference = "ERR-" + source[..10].ToUpperInvariant();
        context.Items[ItemKey] = reference;
        return reference;
    }
}
