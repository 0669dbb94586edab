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
    public const string PeerAssessmentRequests = "PeerAssessmentRequests";

    /// <summary>The content packs peer groups share and adopt (Packs).</summary>
    public const string ContentPacks = "ContentPacks";
    public const string Assessors = "Assessors";
    public const string SupportNeeds = "SupportNeeds";

    /// <summary>Who sits on which request's panel, by contact key (PeerAssessments' Panels): their panels without reading every region's requests.</summary>
    public const string PanelSeats = "PanelSeats";

    /// <summary>Who was erased (council code and address hash, no personal data). Kept out of the backups, and applied on every restore.</summary>
    public const string ErasedContacts = "ErasedContacts";

    public static readonly string[] All = [Councils, PeerGroups, Signups, MailLedger, AuditLog, Assessments, SubmittedAssessments, Summits, Suppressions, ReportRuns, MonthlySnapshots, CouncilDomains, EmailQuotas, ConsoleSessions, PeerAssessmentRequests, ContentPacks, Assessors, SupportNeeds, PanelSeats, ErasedContacts];

    /// <summary>
    /// What the nightly backup exports: every table but the erasure list, which must outlive any backup restored over it,
    /// and the short-lived hourly email counts and console sessions, which a restore must not bring back.
    /// </summary>
    public static readonly string[] BackedUp = [.. All.Except([ErasedContacts, EmailQuotas, ConsoleSessions])];
}

public static class BlobContainerNames
{
    public const string DataProtection = "dataprotection";

    /// <summary>Private: assessment evidence files, at "{gss}/{assessment reference}/{point}/{evidence id}".</summary>
    public const string Evidence = "evidence";

    /// <summary>Monthly peer-group workbooks, <c>{yyyy-MM}/{peer-group}.xlsx</c>. Private: read through the admin route or a signed link.</summary>
    public const string Reports = "reports";

    /// <summary>Nightly table backups, <c>{yyyy-MM-dd}/{Table}.jsonl.gz</c> and <c>{yyyy-MM-dd}/manifest.json</c>. In Azure: immutable for a time, then deleted by lifecycle rules.</summary>
    public const string Backups = "backups";

    /// <summary>A backup's progress and lock (a blob lease), <c>{yyyy-MM-dd}.json</c>: outside the immutable container, because it changes.</summary>
    public const string BackupState = "backup-state";

    /// <summary>Private: content packs' slides and handouts, at "{pack id}/{file id}"; a draft's files are served only to its facilitators.</summary>
    public const string Packs = "packs";

    public static readonly string[] All = [DataProtection, Evidence, Reports, Backups, BackupState, Packs];
}
