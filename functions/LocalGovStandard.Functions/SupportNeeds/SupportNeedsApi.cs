using LocalGovStandard.Access;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.SupportNeeds;

/// <summary>The answers that count for the signed-in contact's council, with each point's title.</summary>
public sealed record SupportNeedsView(string StandardId, int Version, DateTimeOffset AnsweredAt, IReadOnlyList<PointNeedView> Points);

public sealed record PointNeedView(int Point, string Title, string Understanding, string Support);

public static class SupportNeedsApi
{
    public static IServiceCollection AddSupportNeeds(this IServiceCollection services)
    {
        services.AddSingleton<SupportNeedStore>();
        services.AddSingleton<SupportNeedValidator>();
        services.AddSingleton<SupportNeedService>();
        services.AddSingleton<SupportNeedQueries>();
        services.AddPersonalDataHolder<SupportNeedPersonalData>();
        return services;
    }

    public static void MapSupportNeedsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/support-needs").RequireAuthorization(ContactSession.Policy);
        api.MapGet("", GetAsync).AsPublicFunction("GetSupportNeeds");
        api.MapPut("", PutAsync).AsPublicFunction("PutSupportNeeds");
    }

    private static async Task<Results<Ok<SupportNeedsView>, ProblemHttpResult>> GetAsync(
        HttpContext context, SupportNeedService service, SupportNeedValidator validator, CancellationToken cancellationToken)
    {
        var current = await service.CurrentAsync(context.User.Scope(), cancellationToken);
        return current is null
            ? ApiErrors.Problem(ApiErrors.NotFound, "Your council has not answered its support needs yet. Answer them with PUT /api/support-needs.")
            : TypedResults.Ok(View(current, validator));
    }

    private static async Task<Results<Ok<SupportNeedsView>, BodyProblem, ValidationProblem>> PutAsync(
        HttpContext context, SupportNeedService service, SupportNeedValidator validator, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SupportNeedsRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (answers, errors) = validator.ValidateRequest(body!);
        if (answers is null)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        return TypedResults.Ok(View(await service.SaveAsync(context.User.Scope(), answers, cancellationToken), validator));
    }

    private static SupportNeedsView View(CurrentSupportNeeds current, SupportNeedValidator validator)
    {
        var standard = validator.Standard;
        return new SupportNeedsView(standard.Id, current.Version, current.AnsweredAt,
            current.Points.Select(p => new PointNeedView(p.Point, standard.Point(p.Point)?.Title ?? "", p.Understanding, p.Support)).ToList());
    }
}
