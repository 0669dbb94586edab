namespace LocalGovStandard.Platform.Security;

public static class SecurityHeaders
{
    /// <summary>
    /// For a response that is a user's file, not a page: it may run nothing, even opened in a browser
    /// tab, and is not kept in any cache. An endpoint opts in with <c>WithSecurityHeadersPolicy</c>.
    /// </summary>
    public const string DownloadPolicy = "download";

    /// <summary>
    /// For the API reference at <c>/api/reference</c> only: its scripts (served from the Scalar package) carry a
    /// per-request nonce, and its component library injects style elements, so styles there may be inline. Every other
    /// page keeps the default policy.
    /// </summary>
    public const string ReferencePolicy = "api-reference";

    /// <summary>
    /// Pages get a strict CSP: only our own scripts and styles (no inline script), no framing, no plugins.
    /// Downloads get <see cref="DownloadPolicy"/>. HSTS is sent on HTTPS outside Development.
    /// </summary>
    public static IServiceCollection AddServiceSecurityHeaders(this IServiceCollection services) =>
        services.AddSecurityHeaderPolicies((policies, provider) =>
        {
            var environment = provider.GetRequiredService<IHostEnvironment>();
            policies.SetDefaultPolicy(Common(environment).AddContentSecurityPolicy(builder =>
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
            }));
            policies.AddPolicy(ReferencePolicy, Common(environment).AddContentSecurityPolicy(builder =>
            {
                builder.AddDefaultSrc().Self();
                builder.AddScriptSrc().Self().WithNonce();
                builder.AddStyleSrc().Self().UnsafeInline();
                builder.AddImgSrc().Self().Data();
                builder.AddFontSrc().Self().Data();
                builder.AddConnectSrc().Self();
                builder.AddObjectSrc().None();
                builder.AddBaseUri().Self();
                builder.AddFormAction().Self();
                builder.AddFrameAncestors().None();
            }));
            policies.AddPolicy(DownloadPolicy, Common(environment)
                .AddContentSecurityPolicy(builder =>
                {
                    builder.AddDefaultSrc().None();
                    builder.AddSandbox();
                })
                .AddCustomHeader("Cache-Control", "private, no-store"));
        });

    public static IApplicationBuilder UseServiceSecurityHeaders(this IApplicationBuilder app) => app.UseSecurityHeaders();

    private static HeaderPolicyCollection Common(IHostEnvironment environment)
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
            .RemoveServerHeader();

        if (!environment.IsDevelopment())
        {
            policies.AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 365 * 24 * 60 * 60);
        }

        return policies;
    }
}
