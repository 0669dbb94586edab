using System.Text;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>A small register in the public CSV format, written by the tests themselves (never the shared data file).</summary>
public static class TestRegister
{
    public const string Header =
        "local-authority-code,official-name,nice-name,gss-code,start-date,end-date,replaced-by,nation,region,local-authority-type,local-authority-type-name,current-authority";

    public static readonly TestCouncil Westminster = new("WSM", "City of Westminster", "Westminster", "E09000033", "London", "London borough");
    public static readonly TestCouncil Camden = new("CMD", "London Borough of Camden", "Camden", "E09000007", "London", "London borough");
    public static readonly TestCouncil Birmingham = new("BIR", "Birmingham City Council", "Birmingham", "E08000025", "West Midlands", "Metropolitan district");
    public static readonly TestCouncil Leicester = new("LCE", "Leicester City Council", "Leicester", "E06000016", "East Midlands", "Unitary authority");
    public static readonly TestCouncil Cardiff = new("CRF", "Cardiff Council", "Cardiff", "W06000015", "Wales", "Welsh unitary authority", Nation: "Wales");
    public static readonly TestCouncil Fife = new("FIF", "Fife Council", "Fife", "S12000047", "Scotland", "Scottish unitary authority", Nation: "Scotland");
    public static readonly TestCouncil Kettering = new("KET", "Kettering Borough Council", "Kettering", "E07000153", "", "Non-metropolitan district", EndDate: "2021-04-01", Current: false);
    public static readonly TestCouncil Taunton = new("TAU", "Taunton Deane Borough Council", "Taunton Deane", "E07000190", "South West", "Non-metropolitan district", EndDate: "2019-03-31", Current: false);

    public static readonly TestCouncil[] All = [Westminster, Camden, Birmingham, Leicester, Cardiff, Fife, Kettering, Taunton];

    /// <summary>Two of the register's 25 historic Northern Ireland councils, which have no GSS code: only the register's own code.</summary>
    public static readonly TestCouncil[] HistoricNorthernIreland =
    [
        new("NIR-A", "Derry City Council", "Derry", "", "Northern Ireland", "NI district", EndDate: "2015-03-31", Current: false, Nation: "Northern Ireland"),
        new("NIR-B", "Limavady Borough Council", "Limavady", "", "Northern Ireland", "NI district", EndDate: "2015-03-31", Current: false, Nation: "Northern Ireland"),
    ];

    public static string Csv(params TestCouncil[] councils)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var council in councils)
        {
            text.Append(council.CsvLine()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Imports the councils, and each current one's own email domain, so its test addresses are proven by their link.</summary>
    public static async Task ImportAsync(HttpClient admin, params TestCouncil[] councils)
    {
        var imported = councils.Length == 0 ? All : councils;
        await PostCsvAsync(admin, "/api/admin/register", Csv(imported));
        await ImportDomainsAsync(admin, imported.Where(c => c.Current && c.GssCode.Length > 0).ToArray());
    }

    public static async Task ImportDomainsAsync(HttpClient admin, params TestCouncil[] councils)
    {
        var csv = new StringBuilder("gssCode,domain\n");
        foreach (var council in councils)
        {
            foreach (var domain in council.Domains)
            {
                csv.Append(council.GssCode).Append(',').Append(domain).Append('\n');
            }
        }

        await PostCsvAsync(admin, "/api/admin/councils/domains", csv.ToString());
    }

    private static async Task PostCsvAsync(HttpClient admin, string path, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await admin.PostAsync(new Uri(path, UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }
}

public sealed record TestCouncil(
    string Code, string OfficialName, string NiceName, string GssCode, string Region, string TypeName,
    string EndDate = "", bool Current = true, string Nation = "England")
{
    /// <summary>The council's own email domains in the tests: its nice name under the nation's government domain, and gov.uk.</summary>
    public IReadOnlyList<string> Domains
    {
        get
        {
            var name = NiceName.ToLowerInvariant().Replace(' ', '-');
            return Nation switch
            {
                "Wales" => [$"{name}.gov.wales", $"{name}.gov.uk"],
                "Scotland" => [$"{name}.gov.scot", $"{name}.gov.uk"],
                _ => [$"{name}.gov.uk"],
            };
        }
    }

    public string CsvLine() =>
        $"{Code},{Quote(OfficialName)},{Quote(NiceName)},{GssCode},2000-01-01,{EndDate},,{Nation},{Region},XX,{TypeName},{(Current ? "True" : "False")}";

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
