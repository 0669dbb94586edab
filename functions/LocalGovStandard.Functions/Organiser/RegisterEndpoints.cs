using System.Text;
using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Organiser;

/// <summary>Importing the register from an uploaded file, through the same importer as the API and the command line.</summary>
public static class RegisterEndpoints
{
    public static void MapConsoleRegister(this RouteGroupBuilder console)
    {
        console.MapGet("/register", () => new ComponentParameters<RegisterPage>().Result()).AsPublicFunction("ConsoleRegister");
        console.MapPost("/register", ImportAsync)
            .AsPublicFunction("ConsoleRegisterImport")
            .WithMetadata(new RequestSizeLimitAttribute(RegisterImporter.MaxCsvBytes + 64 * 1024));
    }

    private static async Task<IResult> ImportAsync(HttpContext context, RegisterImporter importer, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);

        var file = form.Files.GetFile("register");
        var errors = new FormErrors();
        if (file is null || file.Length == 0)
        {
            errors.Add("register", "Select the register file (CSV)");
        }
        else if (!file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("register", "The selected file must be a CSV");
        }

        if (errors.Any)
        {
            return new ComponentParameters<RegisterPage>().Set(p => p.Errors, errors).Result(StatusCodes.Status400BadRequest);
        }

        using var reader = new StreamReader(file!.OpenReadStream(), Encoding.UTF8);
        var result = await importer.ImportAsync(reader, ConsoleForms.Actor, progress: null, cancellationToken);
        return new ComponentParameters<RegisterPage>().Set(p => p.Result, result).Result();
    }
}
