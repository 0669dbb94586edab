using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Signups;

/// <summary>
/// Sign-up facts live in one table, partitioned by region, so a peer group's report is a few
/// partition queries and a council's contacts and its signed-up row share a partition (one
/// entity group transaction verifies a contact and counts the council as signed up).
/// RowKeys: the council row is "{gss}"; each contact is "{gss}|{contact key}".
/// </summary>
public static class SignupKeys
{
    public const string CouncilKind = "council";
    public const string ContactKind = "contact";

    public static string ContactRowKey(string gssCode, string contactKey) => $"{gssCode}|{contactKey}";

    /// <summary>The RowKey range of one council's contacts.</summary>
    public static (string From, string To) ContactRange(string gssCode) => ($"{gssCode}|", $"{gssCode}}}");
}

public sealed class CouncilSignupEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = SignupKeys.CouncilKind;
    public string CouncilName { get; set; } = "";

    /// <summary>When the council's first contact verified: the moment it counts as signed up.</summary>
    public DateTimeOffset SignedUpAt { get; set; }

    public int VerifiedContacts { get; set; }
}

public sealed class ContactEntity : ITableEntity
{
    public const string Pending = "pending-verification";

    /// <summary>The address is confirmed but not on one of the council's domains: someone must approve them first.</summary>
    public const string AwaitingApproval = "awaiting-approval";

    /// <summary>Proven for the council (confirmed on a council domain, or approved): the only status that may act or is counted.</summary>
    public const string Verified = "verified";

    /// <summary>Refused or withdrawn by an approver; kept for the unverified retention period only.</summary>
    public const string Declined = "declined";

    /// <summary>A status in the words the console shows.</summary>
    public static string Describe(string status) => status switch
    {
        Verified => "Verified",
        AwaitingApproval => "Waiting for approval",
        Declined => "Declined",
        _ => "Waiting for verification",
    };

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = SignupKeys.ContactKind;

    /// <summary>The pseudonymous key of the address (also the end of the RowKey), for lookups by email.</summary>
    public string ContactKey { get; set; } = "";

    public string Reference { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public string AdoptionRoute { get; set; } = "";
    public bool ConsentToContact { get; set; }
    public DateTimeOffset? ConsentToContactAt { get; set; }
    public bool ConsentToPublish { get; set; }
    public DateTimeOffset? ConsentToPublishAt { get; set; }
    public string Status { get; set; } = Pending;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>SHA-256 of the outstanding link's secret; the secret itself is never stored.</summary>
    public string? VerificationTokenHash { get; set; }

    public DateTimeOffset? VerificationExpiresAt { get; set; }

    public DateTimeOffset? LinkIssuedAt { get; set; }

    /// <summary>The hash of the link that was used, so a second click says "already used" rather than "not valid".</summary>
    public string? UsedTokenHash { get; set; }

    /// <summary>Earlier verification links still unexpired ("hash:expiry-ticks hash:expiry-ticks"): a new link does not cancel them.</summary>
    public string? EarlierVerificationHashes { get; set; }

    /// <summary>The unused sign-in links ("hash:expiry-ticks ..."); using any of them spends all of them.</summary>
    public string? AccessNonceHashes { get; set; }

    /// <summary>Changes whenever every session of this person must end (sign-out, decline, "sign out everywhere").</summary>
    public string? SecurityStamp { get; set; }

    /// <summary>When the contact's email was confirmed but approval was still needed.</summary>
    public DateTimeOffset? ApprovalRequestedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>Who approved: "council-domain", "organiser", "organiser:console" or "contact:{reference}".</summary>
    public string? ApprovedBy { get; set; }

    public DateTimeOffset? DeclinedAt { get; set; }

    /// <summary>The latest verification email: one of <see cref="VerificationEmailStatus"/>.</summary>
    public string VerificationEmail { get; set; } = VerificationEmailStatus.Sending;
}
