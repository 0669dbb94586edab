namespace LocalGovStandard.Signups;

/// <summary>Where a contact's latest verification email is: stored on the contact, and answered by the API as "email".</summary>
public static class VerificationEmailStatus
{
    /// <summary>The email is queued, or being sent: the mail ledger says which (see SignupService.LatestLinkStandsAsync).</summary>
    public const string Sending = "sending";

    /// <summary>SendGrid accepted it.</summary>
    public const string Sent = "sent";

    /// <summary>It could not be queued just now; the person can try again at once.</summary>
    public const string NotSent = "not-sent";
}
