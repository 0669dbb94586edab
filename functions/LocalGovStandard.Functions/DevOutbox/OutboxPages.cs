using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.DevOutbox;

public static class OutboxPages
{
    /// <summary>The outbox keeps whole messages: an erasure deletes the person's, whether or not the outbox is in use now.</summary>
    public static IServiceCollection AddDevOutbox(this IServiceCollection services) =>
        services.AddPersonalDataHolder<OutboxPersonalData>();

    /// <summary><c>/dev/outbox</c>: lists the local outbox. Mapped only in Development and only when the outbox is in use.</summary>
    public static void MapDevOutbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dev/outbox", (LocalOutboxEmailSender outbox) =>
                new ComponentParameters<OutboxPage>()
                    .Set(p => p.Folder, outbox.Folder)
                    .Set(p => p.Messages, OutboxReader.List(outbox.Folder))
                    .Result())
            .DevelopmentOnly();
    }
}
