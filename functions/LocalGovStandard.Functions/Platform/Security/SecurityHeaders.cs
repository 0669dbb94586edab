namespace LocalGovStandard.Platform.Security;

public static class SecurityHeaders
{
    /// <summary>
    /// A strict CSP: only our own scripts and styles (no inline script), no framing, no plugins.
    /// HSTS is sent on HTTPS outside Development.
    /// </summary>
    public static IApplicationBuilder UseServiceSecurityHeaders(this IApplicationBuilder app, IHostEnvironment environment)
    {
        var policies = new HeaderPolicyCollection()
            .AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddCrossOriginOpenerPolicy(builder => builder.SameOrigin())
            .AddPermissionsPolicy(builder =>
            {
                builder.AddCamera().None();
                builder.AddMicrophone().None();
                builder.AddGeolocation().None();
            })
            .RemoveServerHeader()
            .AddContentSecurityPolicy(builder =>
            {
                builder.AddDefaultSrc().Self();
                builder.AddScriptSrc().Self();
                builder.AddStyleSrc().Self();
                builder.AddImgSrc().Self().Data();
                builder.AddFontSrc().Self();
                builder.AddConnectSrc().Self();
                builder.AddObjectSrc().None();
                builder.AddBaseUri().Self();
                builder.AddFormAction().Self();
                builder.AddFrameAncestors().None();
            });

        if (!environment.IsDevelopment())
        {
            policies.AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 365 * 24 * 60 * 60);
        }

        return app.UseSecurityHeaders(policies);
    }
}
