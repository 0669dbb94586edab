using System.Globalization;
using ClosedXML.Excel;
using LocalGovStandard.Platform.Spreadsheets;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;

namespace LocalGovStandard.Events;

/// <summary>
/// The organiser's lists: attendees, the waitlist (in order) and declines, as JSON or as a
/// workbook with one named table each. Every cell is written as text, so a value that starts with
/// =, +, - or @ is never a formula.
/// </summary>
public static class EventExport
{
    public sealed record Person(
        string InvitationId, string CouncilCode, string CouncilName, string ContactName, string ContactEmail,
        string? BadgeName, string? DietaryNeeds, string? AccessNeeds, int? WaitlistPosition, DateTimeOffset? RespondedAt);

    public sealed record AttendeeLists(string SummitId, string Name, int Capacity, IReadOnlyList<Person> Attendees, IReadOnlyList<Person> Waitlist, IReadOnlyList<Person> Declines);

    public static async Task<AttendeeLists?> ListsAsync(EventStore store, string summitId, CancellationToken cancellationToken) =>
        await store.FindAsync(summitId, cancellationToken) is { } summit ? await ListsAsync(store, summit, cancellationToken) : null;

    // Globalization-invariant mode cannot decompose accents (Normalize is a no-op there), so the Latin letters
    // UK place and venue names use are mapped by hand; anything else becomes a hyphen.
    private static readonly Dictionary<char, char> Unaccented = new[]
    {
        ("àáâãäåāăą", 'a'), ("çćĉċč", 'c'), ("ďđ", 'd'), ("èéêëēĕėęě", 'e'), ("ĝğġģ", 'g'), ("ĥħ", 'h'), ("ìíîïĩīĭįı", 'i'),
        ("ĵ", 'j'), ("ķ", 'k'), ("ĺļľŀł", 'l'), ("ñńņňŉ", 'n'), ("òóôõöøōŏő", 'o'), ("ŕŗř", 'r'), ("śŝşš", 's'), ("ţťŧ", 't'),
        ("ùúûüũūŭůűų", 'u'), ("ŵ", 'w'), ("ýÿŷ", 'y'), ("źżž", 'z'),
    }.SelectMany(p => p.Item1.Select(c => (c, p.Item2))).ToDictionary(p => p.c, p => p.Item2);

    /// <summary>"standard-summit-birmingham-2027-01-15-attendees.xlsx": the summit's name as a safe ASCII slug and its UK start date.</summary>
    public static string FileName(EventEntity summit, string extension)
    {
        var letters = summit.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : Unaccented.GetValueOrDefault(c, '-'));
        var slug = string.Join('-', new string([.. letters]).Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
        var date = UkTime.ToUk(summit.StartsAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{(slug.Length == 0 ? "summit" : slug)}-{date}-attendees.{extension}";
    }

    private static async Task<AttendeeLists> ListsAsync(EventStore store, EventEntity summit, CancellationToken cancellationToken)
    {
        var summitId = summit.SummitId;

        var invitations = await store.InvitationsAsync(summitId, cancellationToken);
        var places = WaitingList.Places(invitations);
        List<Person> Of(string response) => invitations.Where(i => i.Response == response)
            .OrderBy(i => response == InvitationEntity.Waitlisted ? i.WaitlistPosition : 0)
            .ThenBy(i => i.CouncilName, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.ContactName, StringComparer.OrdinalIgnoreCase)
            .Select(i => new Person(i.InvitationId, i.GssCode, i.CouncilName, i.ContactName, i.ContactEmail, i.BadgeName, i.DietaryNeeds, i.AccessNeeds,
                places.TryGetValue(i.InvitationId, out var place) ? place : null, i.RespondedAt))
            .ToList();
        return new AttendeeLists(summit.SummitId, summit.Name, summit.Capacity, Of(InvitationEntity.Accepted), Of(InvitationEntity.Waitlisted), Of(InvitationEntity.Declined));
    }

    /// <summary>A summit's lists, read for an export in <paramref name="format"/> ("json" or "xlsx") and audited as exported by <paramref name="actor"/>.</summary>
    public sealed record AttendeeExport(EventEntity Summit, AttendeeLists Lists);

    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <returns>Null when there is no such summit.</returns>
    public static async Task<AttendeeExport?> ExportAsync(EventStore store, AuditLog audit, string summitId, string format, string actor, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(summitId, cancellationToken) is not { } summit)
        {
            return null;
        }

        var lists = await ListsAsync(store, summit, cancellationToken);
        await audit.WriteAsync(actor, "summit.exported", summitId, format, CancellationToken.None);
        return new AttendeeExport(summit, lists);
    }

    public static byte[] Workbook(AttendeeLists lists)
    {
        using var workbook = new XLWorkbook();
        AddTable(workbook, lists.Name, "Attendees", lists.Attendees, includePosition: false);
        AddTable(workbook, lists.Name, "Waitlist", lists.Waitlist, includePosition: true);
        AddTable(workbook, lists.Name, "Declines", lists.Declines, includePosition: false);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Text that people typed always stays text (a leading =, +, - or @ never becomes a formula); positions are numbers and answers are dates.</summary>
    private static readonly TableColumn<Person>[] Columns =
    [
        new("Council", 32, (cell, p) => SafeCells.Text(cell, p.CouncilName)),
        new("Council code", 12, (cell, p) => SafeCells.Text(cell, p.CouncilCode)),
        new("Name", 24, (cell, p) => SafeCells.Text(cell, p.ContactName)),
        new("Email", 32, (cell, p) => SafeCells.Text(cell, p.ContactEmail)),
        new("Badge name", 20, (cell, p) => SafeCells.Text(cell, p.BadgeName)),
        new("Dietary needs", 24, (cell, p) => SafeCells.Text(cell, p.DietaryNeeds)),
        new("Access needs", 24, (cell, p) => SafeCells.Text(cell, p.AccessNeeds)),
        new("Answered (UTC)", 17, (cell, p) => SafeCells.Date(cell, p.RespondedAt), NumberFormats.DateTime),
    ];

    private static readonly TableColumn<Person> Position = new("Position", 9, (cell, p) => SafeCells.Number(cell, p.WaitlistPosition), NumberFormats.Count);

    private static void AddTable(XLWorkbook workbook, string summitName, string name, IReadOnlyList<Person> people, bool includePosition)
    {
        var sheet = workbook.Worksheets.Add(name);
        WorkbookTables.Write(sheet, name, 1, 1, includePosition ? [Position, .. Columns] : Columns, people);
        WorkbookTables.PrepareForScreenAndPrint(sheet, $"{summitName}: {name.ToLowerInvariant()}", frozenRows: 1, repeatedRow: 1);
    }
}
