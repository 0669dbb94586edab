using System.Globalization;
using System.Text;

namespace LocalGovStandard.Platform.Validation;

/// <summary>Collects validation messages keyed by field name, in the shape ProblemDetails and pages both use.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>A copy, so a caller's changes never reach these errors.</summary>
    public IDictionary<string, string[]> ToDictionary() => new Dictionary<string, string[]>(_errors, StringComparer.Ordinal);

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.ContainsKey(field))
        {
            _errors[field] = [message];
        }
    }

    /// <summary>
    /// Trims and normalises (NFC) a single-line text field, and checks it is present, within
    /// <paramref name="maxLength"/> characters and free of line breaks, control characters and broken Unicode.
    /// </summary>
    /// <returns>The clean value, or null after adding an error.</returns>
    public string? RequiredText(string field, string? value, string label, int maxLength, string emptyMessage)
    {
        var text = OptionalText(field, value, label, maxLength);
        if (text is null && !_errors.ContainsKey(field))
        {
            Add(field, emptyMessage);
        }

        return text;
    }

    /// <returns>The clean value; null when empty or after adding an error.</returns>
    public string? OptionalText(string field, string? value, string label, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (!IsWellFormedUnicode(value))
        {
            Add(field, $"{label} contains characters that are not valid. Type it again rather than pasting it.");
            return null;
        }

        var text = value.Normalize(NormalizationForm.FormC).Trim();
        if (!HasVisibleText(text))
        {
            return null;
        }

        if (text.Any(c => char.IsControl(c)))
        {
            Add(field, $"{label} must be on one line, without line breaks or control characters.");
            return null;
        }

        if (!FitsDisplay(field, text, label, maxLength))
        {
            return null;
        }

        return text;
    }

    /// <summary>Like <see cref="OptionalText"/> but keeps line breaks and tabs (notes, descriptions).</summary>
    public string? OptionalMultilineText(string field, string? value, string label, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (!IsWellFormedUnicode(value))
        {
            Add(field, $"{label} contains characters that are not valid. Type it again rather than pasting it.");
            return null;
        }

        var text = value.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            Add(field, $"{label} contains control characters. Remove them and try again.");
            return null;
        }

        if (!FitsDisplay(field, text, label, maxLength))
        {
            return null;
        }

        return HasVisibleText(text) ? text : null;
    }

    /// <summary>
    /// The checks both text kinds share after their own control-character rule: no bidirectional
    /// controls, and no more than <paramref name="maxLength"/> user-perceived characters.
    /// </summary>
    private bool FitsDisplay(string field, string text, string label, int maxLength)
    {
        if (HasBidiControls(text))
        {
            Add(field, BidiMessage(label));
            return false;
        }

        if (new StringInfo(text).LengthInTextElements > maxLength)
        {
            Add(field, $"{label} must be {maxLength} characters or fewer.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Text made only of invisible characters (zero-width spaces and joiners, combining marks with
    /// nothing to combine with) counts as empty: a name nobody can see is not a name.
    /// </summary>
    private static bool HasVisibleText(string text) =>
        text.Any(c => char.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.SpaceSeparator or UnicodeCategory.Control));

    /// <summary>
    /// Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what a reader
    /// sees, so a name or note can pose as something else in emails and workbooks. Right-to-left
    /// letters themselves (Arabic, Hebrew, Welsh with RTL quotes) are fine.
    /// </summary>
    private static bool HasBidiControls(string text) => text.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');

    private static string BidiMessage(string label) =>
        $"{label} contains invisible characters that change the direction of the text. Type it again rather than pasting it.";

    private static bool IsWellFormedUnicode(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
