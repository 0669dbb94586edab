using Azure;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Telemetry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Platform.Errors;

/// <summary>
/// The one place an unhandled fault becomes a response: 503 with Retry-After when storage or a
/// dependency is unreachable, 4xx for unreadable requests, otherwise 500. Always a reference,
/// never a stack trace or a storage message; an HTML page for browsers, ProblemDetails for the API.
/// </summary>
public sealed partial class FaultExceptionHandler(IProblemDetailsService problemDetails, ILogger<FaultExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        var reference = ErrorReference.For(context);
        var (error, detail) = Classify(exception);
        var route = TelemetryRedaction.PathFor(context);

        if (error.Status >= 500)
        {
            LogFault(exception, reference, context.Request.Method, route);
        }
        else
        {
            LogBadRequest(reference, context.Request.Method, route, exception.GetType().Name);
        }

        context.Response.StatusCode = error.Status;
        if (error.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = ApiErrors.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (PageRequests.WantsHtml(context))
        {
            var page = new ComponentParameters<ErrorPage>()
                .Set(p => p.Heading, error.Title)
                .Set(p => p.Detail, detail)
                .Set(p => p.Reference, reference)
                .Result(error.Status);
            await page.ExecuteAsync(context);
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = error.Status, Title = error.Title, Type = error.Uri, Detail = detail },
        });
    }

    internal static (ApiErrors.ErrorType Error, string Detail) Classify(Exception exception) => exception switch
    {
        _ when IsTooLarge(exception) =>
            (ApiErrors.PayloadTooLarge, "The request body is larger than this route accepts."),
        _ when IsUnreadableRequest(exception) =>
            (ApiErrors.MalformedRequest, "The request could not be read. Check its format and send it again."),
        QueuedEmailTooLargeException =>
            (ApiErrors.Unexpected, "What you sent was saved, but the email it needs is too large to send, so none was sent. Contact the LocalGov Standard team and quote the reference."),
        UnfinishedException unfinished => (ApiErrors.StorageUnavailable, unfinished.Message),
        _ when IsDependencyFault(exception) =>
            (ApiErrors.StorageUnavailable, $"Your request was not completed, so nothing was saved. Try again in {ApiErrors.RetryAfterSeconds} seconds. If it keeps happening, contact the LocalGov Standard team and quote the reference."),
        _ => (ApiErrors.Unexpected, "Try again later. If it keeps happening, contact the LocalGov Standard team and quote the reference."),
    };

    /// <summary>Kestrel's body limit, also when it surfaces inside another exception (antiforgery reading a form wraps it).</summary>
    private static bool IsTooLarge(Exception? exception) => exception switch
    {
        null => false,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => true,
        _ => IsTooLarge(exception.InnerException),
    };

    /// <summary>
    /// A body the framework cannot parse: broken multipart, a form value with a NUL, or the
    /// antiforgery check failing because it could not read the form. The client's fault, so 400.
    /// </summary>
    private static bool IsUnreadableRequest(Exception exception) => exception switch
    {
        BadHttpRequestException or InvalidDataException or Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => true,
        IOException io => io.TargetSite?.DeclaringType?.Namespace == "Microsoft.AspNetCore.WebUtilities",
        _ => false,
    };

    private static bool IsDependencyFault(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or >= 500 or 408 or 429,
        HttpRequestException or TimeoutException or TaskCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsDependencyFault),
        _ => exception.InnerException is { } inner && IsDependencyFault(inner),
    };

    /// <summary>The route is the endpoint's template, never the raw path (which can carry references): see TelemetryRedaction.</summary>
    [LoggerMessage(LogLevel.Error, "Fault {Reference} on {Method} {Route}")]
    private partial void LogFault(Exception exception, string reference, string method, string route);

    [LoggerMessage(LogLevel.Information, "Bad request {Reference} on {Method} {Route}: {Fault}")]
    private partial void LogBadRequest(string reference, string method, string route, string fault);
}
