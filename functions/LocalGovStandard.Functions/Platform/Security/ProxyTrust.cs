using System.Net;
using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.HttpOverrides;

namespace LocalGovStandard.Platform.Security;

/// <summary>
/// Whose X-Forwarded-For and X-Forwarded-Proto count. Under the Functions host every request comes from
/// the host on loopback, so only the one hop the host added is read and only from loopback; anything a
/// client put in front of it is ignored. Standalone there is no proxy in front of us, so none is
/// trusted: otherwise a client could name a new address on each request and escape every per-client limit.
/// </summary>
public static class ProxyTrust
{
    public static void Configure(ForwardedHeadersOptions forwarded, IConfiguration configuration)
    {
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        forwarded.ForwardLimit = 1;
        if (!FunctionsHost.IsHosting(configuration))
        {
            // Both lists empty would mean "trust every peer"; reading no header at all is the only "trust none".
            forwarded.ForwardedHeaders = ForwardedHeaders.None;
            return;
        }

        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Add(IPAddress.Loopback);
        forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
    }
}
