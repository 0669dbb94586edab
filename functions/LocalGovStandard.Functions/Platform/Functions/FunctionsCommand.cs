namespace LocalGovStandard.Platform.Functions;

/// <summary><c>LocalGovStandard.Functions emit-functions &lt;dir&gt;</c>: writes every function's function.json (used by the publish step).</summary>
public static class FunctionsCommand
{
    public const string Verb = "emit-functions";

    public static int Run(IEndpointRouteBuilder app, string[] args, TextWriter output)
    {
        if (args.Length < 2)
        {
            output.WriteLine($"Usage: {Verb} <output directory>");
            return 2;
        }

        var functions = FunctionManifest.FromEndpoints(app.DataSources);
        FunctionManifest.WriteFunctionJsonFiles(functions, args[1]);
        output.WriteLine($"Wrote function.json for {functions.Count} functions to {Path.GetFullPath(args[1])}");
        return 0;
    }
}
