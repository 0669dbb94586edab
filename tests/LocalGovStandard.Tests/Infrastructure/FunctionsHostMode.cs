using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// A service run as under the Functions host, in memory: FUNCTIONS_CUSTOMHANDLER_PORT set, and every
/// request from loopback as the host's are (in memory a request has no peer address). Only then do the
/// timer routes answer.
/// </summary>
public static class FunctionsHostMode
{
    public static Dictionary<string, string?> Settings() => new()
    {
        ["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    };

    public static void FromLoopback(IServiceCollection services) => services.AddSingleton<IStartupFilter, LoopbackPeer>();

    private sealed class LoopbackPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
