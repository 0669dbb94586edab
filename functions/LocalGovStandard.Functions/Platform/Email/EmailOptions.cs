using System.ComponentModel.DataAnnotations;

namespace LocalGovStandard.Platform.Email;

public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    /// <summary>Without a key, mail goes to the local outbox instead of SendGrid.</summary>
    public string? ApiKey { get; set; }

    [Required, EmailAddress]
    public string FromEmail { get; set; } = "standard@localgov.digital";

    public string FromName { get; set; } = "LocalGov Digital Service Standard";

    /// <summary>SendGrid API base address; tests point it at a loopback capture server.</summary>
    public string? Host { get; set; }

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class LocalOutboxOptions
{
    public const string Section = "LocalOutbox";

    [Required]
    public string Path { get; set; } = ".data/outbox";
}
