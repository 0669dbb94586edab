using System.Globalization;
using LocalGovStandard.Platform.Pages;

namespace LocalGovStandard.Packs;

/// <summary>The pack pages' words that more than one page uses.</summary>
public static class PackText
{
    public static string? Done(string? done) => done switch
    {
        "created" => "The pack was created as a draft. Only your group's facilitators can see it until you publish it.",
        "saved" => "Your changes were saved.",
        "uploaded" => "The file was added to the pack.",
        "published" => "The pack is published. Anyone can now find it in the library, and any peer group can adopt it.",
        "adopted" => "The pack was adopted. This is your group's own draft copy: change it as you need, then publish it.",
        _ => null,
    };

    /// <param name="field">The field the error summary links to: the form's first.</param>
    public static FormErrors ChangedErrors(string field)
    {
        var errors = new FormErrors();
        errors.Add(field, "The pack changed since you opened it (perhaps in another tab). Reload the page to see the latest version, then make your change again. Nothing was saved");
        return errors;
    }

    /// <summary>"Revised from Midlands' pack of June 2027, revised from London's pack of May 2027", nearest first.</summary>
    public static string Lineage(IReadOnlyList<PackOrigin> lineage)
    {
        if (lineage.Count == 0)
        {
            return "An original pack";
        }

        var text = string.Join(", ", lineage.Select(o => o.Describe()));
        return string.Concat(text[..1].ToUpperInvariant(), text[1..]);
    }

    public static string Month(DateTimeOffset at) => at.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => at.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => bytes < 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024)} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB");

    public static string Points(IEnumerable<int> points) => string.Join(", ", points.Select(p => p.ToString(CultureInfo.InvariantCulture)));
}
