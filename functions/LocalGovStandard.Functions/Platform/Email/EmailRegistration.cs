using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace LocalGovStandard.Platform.Email;

public static class EmailRegistration
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LocalOutboxOptions>().BindConfiguration(LocalOutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddHttpClient(SendGridEmailSender.HttpClientName)
            .AddResilienceHandler("sendgrid", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<SendGridOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                    Delay = options.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = options.MaxRetries == 0 ? static _ => ValueTask.FromResult(false) : new HttpRetryStrategyOptions().ShouldHandle,
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });

        services.AddSingleton<SendGridEmailSender>();
        services.AddSingleton<LocalOutboxEmailSender>();
        services.AddSingleton<IEmailSender>(provider => UsesSendGrid(provider)
            ? provider.GetRequiredService<SendGridEmailSender>()
            : provider.GetRequiredService<LocalOutboxEmailSender>());

        services.AddSingleton<IBatchEmailSender>(provider => UsesSendGrid(provider)
            ? provider.GetRequiredService<SendGridEmailSender>()
            : provider.GetRequiredService<LocalOutboxEmailSender>());

        services.AddSingleton<MailLedger>();
        services.AddSingleton<AddressQuota>();
        return services;
    }

    /// <summary>Without a SendGrid API key, mail goes to the local outbox.</summary>
    public static bool UsesSendGrid(IServiceProvider provider) =>
        !string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<SendGridOptions>>().Value.ApiKey);
}
