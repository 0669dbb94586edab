namespace LocalGovStandard.Assessments.Pages;

/// <summary>How the pages link to and describe an evidence file.</summary>
public static class EvidenceText
{
    public static string DownloadHref(string reference, string evidenceId) => $"/api/assessments/{reference}/evidence/{evidenceId}";

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024.0):0.0} MB"
        : $"{Math.Max(1, bytes / 1024)} KB";
}
