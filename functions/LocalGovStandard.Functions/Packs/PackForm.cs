using System.Globalization;

namespace LocalGovStandard.Packs;

/// <summary>What the pack form shows: the saved pack, or what was just posted.</summary>
public sealed record PackForm(string Title, IReadOnlyList<string> Points, string Agenda, string Exercises)
{
    public static readonly PackForm Empty = new("", [], "", "");

    public static readonly IReadOnlyList<string> FieldOrder = ["title", "points", "agenda", "exercises", "file"];

    public static PackForm From(Pack pack) =>
        new(pack.Title, pack.Points.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList(), pack.Agenda, pack.Exercises);

    public static PackForm From(IFormCollection form) =>
        new(form["title"].ToString(), form["points"].OfType<string>().ToList(), form["agenda"].ToString(), form["exercises"].ToString());

    /// <summary>A point that is not a number becomes 0, which the rules refuse like any other point the Standard lacks.</summary>
    public PackRequest ToRequest() =>
        new(Title, Points.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList(), Agenda, Exercises);
}
