namespace LocalGovStandard.Platform.Functions;

/// <summary>Whether this process runs as the Functions host's custom handler, which the host says by setting the port to listen on.</summary>
public static class FunctionsHost
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static bool IsHosting(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[PortSetting]);
}
