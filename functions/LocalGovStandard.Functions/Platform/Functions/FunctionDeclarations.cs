namespace LocalGovStandard.Platform.Functions;

/// <summary>How the Functions host guards an HTTP function before forwarding it to this handler.</summary>
public enum FunctionAuthLevel
{
    Anonymous,
    Function,
}

/// <summary>Endpoint metadata: this endpoint is the HTTP-triggered function <paramref name="Name"/>.</summary>
public sealed record HttpFunctionDeclaration(string Name, FunctionAuthLevel AuthLevel);

/// <summary>Endpoint metadata: this endpoint receives the host's invocations of a timer-triggered function.</summary>
public sealed record TimerFunctionDeclaration(string Name, string Schedule, Type Implementation);

/// <summary>Endpoint metadata: this endpoint receives the host's invocations of a queue-triggered function.</summary>
/// <param name="Connection">The app setting (prefix) that says which storage account holds the queue.</param>
public sealed record QueueFunctionDeclaration(string Name, string QueueName, string Connection);

public static class FunctionDeclarationExtensions
{
    /// <summary>Declares the endpoint as an anonymous HTTP function.</summary>
    public static TBuilder AsPublicFunction<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new HttpFunctionDeclaration(name, FunctionAuthLevel.Anonymous));

    /// <summary>Declares the endpoint as an HTTP function that needs a function key in Azure.</summary>
    public static TBuilder AsKeyedFunction<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new HttpFunctionDeclaration(name, FunctionAuthLevel.Function));
}
