namespace LocalGovStandard.Signups;

/// <summary>Where a contact's latest verification email is: stored on the contact, and answered by the API as "email".</summary>
public static class VerificationEmailStatus
{
    /// <summary>Written before the email is handed to SendGrid; a row left here was cut off part-way.</summary>
    public const string Sending = "sending";

    /// <summary>SendGrid accepted it.</summary>
    public const string Sent = "sent";

    /// <summary>It could not be sent just now; the person can try again later.</summary>
    public const string NotSent = "not-sent";
}
