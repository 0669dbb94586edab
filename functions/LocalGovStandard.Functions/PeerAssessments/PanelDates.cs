using System.Globalization;

namespace LocalGovStandard.PeerAssessments;

/// <summary>Preferred and panel dates as people read them: "12 March 2027".</summary>
public static class PanelDates
{
    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
