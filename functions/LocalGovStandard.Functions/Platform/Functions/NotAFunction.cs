namespace LocalGovStandard.Platform.Functions;

/// <summary>Endpoint metadata: deliberately not published as a function (development-only tools).</summary>
public sealed record NotAFunction(string Reason);

public static class NotAFunctionExtensions
{
    public static TBuilder DevelopmentOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NotAFunction("development only")).ExcludeFromDescription();
}
