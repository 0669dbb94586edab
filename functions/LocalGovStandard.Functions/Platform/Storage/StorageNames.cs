namespace LocalGovStandard.Platform.Storage;

public static class TableNames
{
    public const string Councils = "Councils";
    public const string PeerGroups = "PeerGroups";
    public const string Signups = "Signups";
    public const string MailLedger = "MailLedger";
    public const string AuditLog = "AuditLog";
    public const string Assessments = "Assessments";
    public const string SubmittedAssessments = "SubmittedAssessments";
    public const string Summits = "Summits";
    public const string Suppressions = "Suppressions";
    public const string ReportRuns = "ReportRuns";
    public const string MonthlySnapshots = "MonthlySnapshots";
    public const string CouncilDomains = "CouncilDomains";
    public const string EmailQuotas = "EmailQuotas";
    public const string ConsoleSessions = "ConsoleSessions";

    public static readonly string[] All = [Councils, PeerGroups, Signups, MailLedger, AuditLog, Assessments, SubmittedAssessments, Summits, Suppressions, ReportRuns, MonthlySnapshots, CouncilDomains, EmailQuotas, ConsoleSessions];
}

public static class BlobContainerNames
{
    public const string DataProtection = "dataprotection";

    /// <summary>Private: assessment evidence files, at "{gss}/{assessment reference}/{point}/{evidence id}".</summary>
    public const string Evidence = "evidence";

    /// <summary>Monthly peer-group workbooks, <c>{yyyy-MM}/{peer-group}.xlsx</c>. Private: read through the admin route or a signed link.</summary>
    public const string Reports = "reports";

    public static readonly string[] All = [DataProtection, Evidence, Reports];
}
