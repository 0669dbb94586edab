using System.Reflection;
using Microsoft.AspNetCore.OData.Query;

namespace LocalGovStandard.Feed;

/// <summary>
/// Binds <see cref="ODataQueryOptions{TEntity}"/> inside a feed handler, as the parameter binder would. A handler that
/// took it as a parameter could not have its request delegate written by the Request Delegate Generator (RDG011:
/// generic parameter types), so every feed route would be built by reflection and compiled at start-up, twice.
/// </summary>
internal static class FeedQuery<T>
{
    private static readonly ParameterInfo Parameter =
        typeof(FeedQuery<T>).GetMethod(nameof(Shape), BindingFlags.NonPublic | BindingFlags.Static)!.GetParameters()[0];

    public static ValueTask<ODataQueryOptions<T>> BindAsync(HttpContext context) => ODataQueryOptions<T>.BindAsync(context, Parameter);

    /// <summary>Only its parameter is used: the library's binder asks for the parameter it binds.</summary>
    private static void Shape(ODataQueryOptions<T> query) => _ = query;
}
