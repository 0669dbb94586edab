using System.Security.Cryptography;
using System.Text.Json;
using LocalGovStandard.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Assessments.Pages;

/// <summary>
/// The details of a new assessment, kept between its question pages until they are complete and
/// the draft is created: in an encrypted cookie scoped to /assessments/new, bound to the contact,
/// so nothing is stored for an assessment that is never started and no answer goes in a URL.
/// </summary>
public static class NewAssessmentAnswers
{
    private const string CookieName = "lgs-new-assessment";
    private const string CookiePath = "/assessments/new";
    private const string Purpose = "LocalGovStandard.Assessments.NewAnswers.v1";

    private sealed record Stored(string Contact, AssessmentDetailsRequest Answers);

    public static AssessmentDetailsRequest Read(HttpContext context)
    {
        var empty = new AssessmentDetailsRequest(null, null, null, null, null, null, []);
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return empty;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(Protector(context).Unprotect(value), JsonSerializerOptions.Web);
            return stored?.Contact == context.User.Scope().ContactReference ? stored.Answers : empty;
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException)
        {
            return empty;
        }
    }

    public static void Write(HttpContext context, AssessmentDetailsRequest answers)
    {
        var json = JsonSerializer.Serialize(new Stored(context.User.Scope().ContactReference, answers), JsonSerializerOptions.Web);
        context.Response.Cookies.Append(CookieName, Protector(context).Protect(json), Options(context));
    }

    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(CookieName, Options(context));

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    /// <summary>As secure as the session cookie (HttpOnly, SameSite, Secure outside Development), and gone when the browser closes.</summary>
    private static CookieOptions Options(HttpContext context)
    {
        var session = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ContactSession.CookieScheme);
        var options = session.Cookie.Build(context);
        options.Path = CookiePath;
        options.Expires = null;
        options.MaxAge = null;
        return options;
    }
}
