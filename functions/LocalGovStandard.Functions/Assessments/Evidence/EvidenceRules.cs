namespace LocalGovStandard.Assessments.Evidence;

/// <summary>What only evidence limits; the file checks themselves are the platform's <see cref="Platform.Uploads.UploadedFiles"/>.</summary>
public static class EvidenceRules
{
    public const int MaxFilesPerPoint = 5;

    /// <summary>The name a file gets when nothing of its own name is left after sanitising.</summary>
    public const string FallbackFileName = "evidence";
}
