using System.Globalization;
using System.Text;
using System.Xml;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Feed;

/// <summary>
/// A read-only OData v4 feed for Power BI at <c>/odata</c>: the service document, <c>$metadata</c>, and ten
/// entity sets with <c>$filter</c>, <c>$select</c>, <c>$orderby</c>, <c>$top</c>, <c>$skip</c> and
/// <c>$count</c>; <c>/{set}/$count</c> and look-up by key; pages of <see cref="ServiceOptions.FeedPageSize"/> rows linked by
/// <c>@odata.nextLink</c>; JSON negotiated by <see cref="FeedFormat"/>. Every route needs the read key.
/// </summary>
public static class FeedApi
{
    public const string Prefix = "/odata";

    private static readonly IEdmModel Model = FeedModel.Build();

    private static readonly ODataValidationSettings Validation = new()
    {
        AllowedQueryOptions = AllowedQueryOptions.Filter | AllowedQueryOptions.Select | AllowedQueryOptions.OrderBy
            | AllowedQueryOptions.Top | AllowedQueryOptions.Skip | AllowedQueryOptions.Count | AllowedQueryOptions.Format | AllowedQueryOptions.SkipToken,
        MaxTop = FeedModel.MaxTop,
    };

    public static IServiceCollection AddFeed(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddOData();
        services.AddSingleton<FeedData>();
        return services;
    }

    public static void MapFeed(this IEndpointRouteBuilder app)
    {
        var feed = app.MapGroup(Prefix).AddEndpointFilter<ReadKeyFilter>().AddEndpointFilter(AtPublicAddress).WithMetadata(new GuardedBy(ApiGuard.ReadKey)).WithTags("Feed");
        feed.MapGet("", ServiceDocument).AddEndpointFilter(FeedFormat.Negotiated).AsPublicFunction("FeedServiceDocument");
        feed.MapGet("/$metadata", Metadata).AsPublicFunction("FeedMetadata");

        MapSet<FeedCouncil>(feed, "Councils", c => c.Code, async (data, ct) => (await data.RowsAsync(ct)).Councils);
        MapSet<FeedSignUp>(feed, "SignUps", s => s.GssCode, async (data, ct) => (await data.RowsAsync(ct)).SignUps);
        MapSet<FeedAssessment>(feed, "Assessments", a => a.Id, async (data, ct) => (await data.RowsAsync(ct)).Assessments);
        MapSet<FeedPointResult>(feed, "PointResults", p => p.Id, async (data, ct) => (await data.RowsAsync(ct)).PointResults);
        MapSet<FeedAction>(feed, "Actions", a => a.Id, async (data, ct) => (await data.RowsAsync(ct)).Actions);
        MapSet<FeedMonthlySnapshot>(feed, "MonthlySnapshots", s => s.Id, (data, ct) => data.SnapshotsAsync(ct));
        MapSet<FeedHeadline>(feed, "Headlines", h => h.Id, (_, _) => Task.FromResult(FeedData.Headlines));
        MapSet<FeedSupportNeed>(feed, "SupportNeeds", n => n.Id, async (data, ct) => (await data.RowsAsync(ct)).SupportNeeds);
        MapSet<FeedPeerAssessment>(feed, "PeerAssessments", p => p.Reference, async (data, ct) => (await data.RowsAsync(ct)).PeerAssessments);
        MapSet<FeedAssessorLoad>(feed, "AssessorLoad", l => l.GssCode, async (data, ct) => (await data.RowsAsync(ct)).AssessorLoad);
    }

    private static void MapSet<T>(RouteGroupBuilder feed, string name, Func<T, string> keyOf, Func<FeedData, CancellationToken, Task<IReadOnlyList<T>>> rows)
        where T : class
    {
        MapCollection(feed, name, rows);
        MapCount(feed, name, rows);
        MapByKey(feed, name, keyOf, rows);
    }

    private static void MapCollection<T>(RouteGroupBuilder feed, string name, Func<FeedData, CancellationToken, Task<IReadOnlyList<T>>> rows)
    {
        feed.MapGet("/" + name, async Task<object> (HttpContext context, FeedData data, IOptionsMonitor<ServiceOptions> options, CancellationToken cancellationToken) =>
            {
                try
                {
                    var query = await FeedQuery<T>.BindAsync(context);
                    query.Validate(Validation);
                    var settings = new ODataQuerySettings { PageSize = options.CurrentValue.FeedPageSize };
                    return query.ApplyTo((await rows(data, cancellationToken)).AsQueryable(), settings);
                }
                catch (ODataException exception)
                {
                    return QueryProblem(exception);
                }
            })
            .AddEndpointFilter(FeedFormat.Negotiated)
            .WithODataResult()
            .WithODataModel(Model)
            .WithODataBaseAddressFactory(BaseAddress)
            .AsPublicFunction("Feed" + name);
    }

    /// <summary><c>/{set}/$count</c>: the number of rows that pass <c>$filter</c>, as plain text (paging options do not apply).</summary>
    private static void MapCount<T>(RouteGroupBuilder feed, string name, Func<FeedData, CancellationToken, Task<IReadOnlyList<T>>> rows)
    {
        feed.MapGet("/" + name + "/$count", async Task<Results<ContentHttpResult, ValidationProblem>> (HttpContext context, FeedData data, CancellationToken cancellationToken) =>
            {
                try
                {
                    var query = await FeedQuery<T>.BindAsync(context);
                    query.Validate(Validation);
                    var all = (await rows(data, cancellationToken)).AsQueryable();
                    var filtered = query.Filter is null ? all : (IQueryable<T>)query.Filter.ApplyTo(all, new ODataQuerySettings());
                    context.Response.Headers["OData-Version"] = "4.0";
                    return TypedResults.Text(filtered.Count().ToString(CultureInfo.InvariantCulture), "text/plain; charset=utf-8");
                }
                catch (ODataException exception)
                {
                    return QueryProblem(exception);
                }
            })
            .WithODataModel(Model)
            .AsPublicFunction("Feed" + name + "Count");
    }

    /// <summary><c>/{set}('key')</c>: one row, or 404 when there is none with that key.</summary>
    private static void MapByKey<T>(RouteGroupBuilder feed, string name, Func<T, string> keyOf, Func<FeedData, CancellationToken, Task<IReadOnlyList<T>>> rows)
        where T : class
    {
        feed.MapGet("/" + name + "({key})", async Task<object> (string key, FeedData data, CancellationToken cancellationToken) =>
            {
                if (StringKey(key) is not { } wanted)
                {
                    return ApiErrors.FieldProblem("key", $"Give the key as a quoted string, for example {name}('E09000007').");
                }

                var row = (await rows(data, cancellationToken)).FirstOrDefault(r => string.Equals(keyOf(r), wanted, StringComparison.Ordinal));
                return row is null ? ApiErrors.Problem(ApiErrors.NotFound, $"{name} has no row with the key '{wanted}'.") : row;
            })
            .AddEndpointFilter(FeedFormat.Negotiated)
            .WithODataResult()
            .WithODataModel(Model)
            .WithODataBaseAddressFactory(BaseAddress)
            .AsPublicFunction("Feed" + name + "ByKey");
    }

    /// <summary>An OData string literal: in single quotes, a quote inside doubled.</summary>
    private static string? StringKey(string literal) =>
        literal.Length >= 2 && literal[0] == '\'' && literal[^1] == '\''
            ? literal[1..^1].Replace("''", "'", StringComparison.Ordinal)
            : null;

    private static ValidationProblem QueryProblem(ODataException exception) =>
        ApiErrors.ValidationProblem(new Dictionary<string, string[]> { ["query"] = [exception.Message] }, "The OData query is not valid.");

    /// <summary>
    /// OData builds the feed's own links (<c>@odata.context</c>, <c>@odata.nextLink</c>) from the request's
    /// address; this makes that the configured public address, never the Host header a client sent. The
    /// rest of the request (its query, so <c>key</c> only when it came there) is kept.
    /// </summary>
    private static ValueTask<object?> AtPublicAddress(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var publicBase = new Uri(context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<ServiceOptions>>().CurrentValue.PublicBaseUrl);
        var request = context.HttpContext.Request;
        request.Scheme = publicBase.Scheme;
        request.Host = HostString.FromUriComponent(publicBase);
        request.PathBase = PathString.FromUriComponent(publicBase.AbsolutePath.TrimEnd('/'));
        return next(context);
    }

    private static Uri BaseAddress(HttpContext context) =>
        new($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{Prefix}/");

    private static JsonHttpResult<Dictionary<string, object>> ServiceDocument(HttpContext context)
    {
        var baseAddress = BaseAddress(context);
        context.Response.Headers["OData-Version"] = "4.0";
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["@odata.context"] = new Uri(baseAddress, "$metadata").ToString(),
            ["value"] = FeedModel.EntitySets.Select(set => new { name = set, kind = "EntitySet", url = set }).ToArray(),
        });
    }

    private static ContentHttpResult Metadata(HttpContext context)
    {
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
        {
            if (!CsdlWriter.TryWriteCsdl(Model, writer, CsdlTarget.OData, out var errors))
            {
                throw new InvalidOperationException("The feed's model is not valid CSDL: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
            }
        }

        context.Response.Headers["OData-Version"] = "4.0";
        return TypedResults.Text(output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/xml; charset=utf-8");
    }
}
