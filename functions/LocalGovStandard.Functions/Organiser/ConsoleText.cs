namespace LocalGovStandard.Organiser;

/// <summary>How the console words counts, so a page never says "1 lines".</summary>
public static class ConsoleText
{
    public static string Plural(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
