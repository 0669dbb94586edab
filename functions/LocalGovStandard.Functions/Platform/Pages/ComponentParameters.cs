using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Platform.Pages;

/// <summary>
/// A page's parameters named by expression, so a misspelt or mistyped parameter does not compile (anonymous objects
/// failed only at render time):
/// <code>
/// new ComponentParameters&lt;ErrorPage&gt;().Set(p => p.Heading, "Page not found").Result(StatusCodes.Status404NotFound)
/// </code>
/// </summary>
public sealed class ComponentParameters<TComponent> where TComponent : IComponent
{
    private readonly Dictionary<string, object?> values = [];

    public ComponentParameters<TComponent> Set<TValue>(Expression<Func<TComponent, TValue>> parameter, TValue value)
    {
        values[NameOf(parameter)] = value;
        return this;
    }

    /// <summary>Without a status the response keeps the one it has (200, or the one an error handler set).</summary>
    public RazorComponentResult Result(int? statusCode = null) => new RazorComponentResult<TComponent>(values) { StatusCode = statusCode };

    /// <summary>Only <c>p => p.Property</c> of a [Parameter] property, with no conversion that would hand the page a value of another type.</summary>
    private static string NameOf<TValue>(Expression<Func<TComponent, TValue>> parameter) =>
        parameter.Body is MemberExpression { Member: PropertyInfo property } member
            && member.Expression == parameter.Parameters[0]
            && property.IsDefined(typeof(ParameterAttribute))
            ? property.Name
            : throw new ArgumentException($"Expected p => p.Property naming a [Parameter] of {typeof(TComponent).Name}, got {parameter}.", nameof(parameter));
}
