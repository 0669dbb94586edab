using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Tokens;

/// <summary>
/// Outside Development the service refuses to start without a signing key: a key made up per process
/// would break every emailed link at the next restart or on another instance.
/// </summary>
public sealed class SigningKeyRequirement(IHostEnvironment environment) : IValidateOptions<ServiceOptions>
{
    public const string Missing =
        "LocalGovStandard__TokenSigningKey is not set. Set it to a secret of at least 32 characters (in Azure, the Key Vault " +
        "reference deploy.md describes); only Development generates a key of its own.";

    public ValidateOptionsResult Validate(string? name, ServiceOptions options) =>
        ServiceOptions.Secret(options.TokenSigningKey) is null && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(Missing)
            : ValidateOptionsResult.Success;
}
