using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;

namespace LocalGovStandard.Platform.Email.Queue;

public static class EmailQueueRegistration
{
    public const string FunctionName = "SendQueuedEmail";

    public static IServiceCollection AddEmailQueue(this IServiceCollection services)
    {
        services.AddOptions<EmailQueueOptions>().BindConfiguration(EmailQueueOptions.Section);
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<QueuedAudit>();
        services.AddSingleton<PoisonedEmails>();
        services.AddPersonalDataHolder<QueuedEmailPersonalData>();
        services.AddSingleton<CountPoisonedEmail>();
        services.AddHostedService<InProcessQueueListener>();
        return services;
    }

    /// <summary>The outbox queue's function (the host's queue trigger posts each message here), and the poison queue's count.</summary>
    public static void MapEmailQueue(this IEndpointRouteBuilder app)
    {
        app.MapQueueFunction(FunctionName, EmailQueueOptions.QueueName, EmailQueueOptions.ConnectionSetting,
            static (services, invocation, cancellationToken) =>
                services.GetRequiredService<OutboxDelivery>().DeliverAsync(invocation.Message, invocation.DequeueCount, cancellationToken));
        app.MapTimerFunction<CountPoisonedEmail>(CountPoisonedEmail.Name, CountPoisonedEmail.Schedule);
    }
}
