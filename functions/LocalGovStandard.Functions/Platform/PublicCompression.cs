using System.IO.Compression;
using LocalGovStandard.Platform.Errors;
using Microsoft.AspNetCore.ResponseCompression;

namespace LocalGovStandard.Platform;

/// <summary>
/// Compresses what is large, public and the same for everyone: the GOV.UK stylesheets and scripts (<c>/static</c>,
/// <c>/assets</c>) that every page loads, and the OpenAPI document that the API reference loads (770 KB; about 80 KB at
/// the fastest gzip level). Pages and API answers are left as they are: they carry antiforgery tokens or personal data,
/// and compressing a secret beside text an attacker can choose leaks it by the length (BREACH).
/// </summary>
public static class PublicCompression
{
    private static readonly PathString[] PublicFiles = ["/static", "/assets", ApiErrors.OpenApiDocumentPath];

    public static IServiceCollection AddPublicCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UsePublicCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => PublicFiles.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)),
            branch => branch.UseResponseCompression());
}
