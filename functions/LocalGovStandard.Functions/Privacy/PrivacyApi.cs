using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Privacy;

/// <summary>UK GDPR requests about one contact, named by their council's code and their sign-up reference.</summary>
public static class PrivacyApi
{
    public const string ApiActor = "organiser";

    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<ContactFinder>();
        services.AddPersonalDataHolder<ContactMail>();
        services.AddSingleton<ErasureList>();
        services.AddSingleton<IErasedAddresses>(provider => provider.GetRequiredService<ErasureList>());
        services.AddSingleton<PersonalData>();
        services.AddSingleton<AddressPersonalData>();
        return services;
    }

    public static void MapPrivacyApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/contacts/{councilCode}/{reference}/personal-data", ExportAsync).AsKeyedFunction("ExportContactPersonalData");
        admin.MapDelete("/contacts/{councilCode}/{reference}", EraseAsync).AsKeyedFunction("EraseContact");
    }

    private static async Task<Results<Ok<PersonalDataExport>, ProblemHttpResult>> ExportAsync(
        string councilCode, string reference, ContactFinder finder, PersonalData personalData, CancellationToken cancellationToken)
    {
        var location = await finder.FindAsync(councilCode, reference, cancellationToken);
        return location?.Contact is null
            ? NotFound()
            : TypedResults.Ok(await personalData.ExportAsync(location, ApiActor, cancellationToken));
    }

    private static async Task<Results<Ok<ErasureOutcome>, ProblemHttpResult>> EraseAsync(
        string councilCode, string reference, ContactFinder finder, PersonalData personalData, CancellationToken cancellationToken)
    {
        var location = await finder.FindAsync(councilCode, reference, cancellationToken);
        return location is null
            ? NotFound()
            : TypedResults.Ok(await personalData.EraseAsync(location, ApiActor, cancellationToken));
    }

    private static ProblemHttpResult NotFound() =>
        ApiErrors.Problem(ApiErrors.NotFound, "There is no contact with that council code and reference. An erased contact is not found.");
}
