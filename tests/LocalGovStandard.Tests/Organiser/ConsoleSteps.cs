using System.Net;
using Azure.Data.Tables;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Organiser;

public sealed record AuditRow(DateTimeOffset At, string Actor, string Action, string Subject, string? Details);

/// <summary>Signing in to the console as an organiser's browser would (https, cookies kept), and reading the audit log back.</summary>
public static class ConsoleSteps
{
    public const string Actor = "organiser:console";

    public static async Task<PageSession> SignInAsync(ServiceFixture fixture)
    {
        var session = PageSession.Anonymous(fixture);
        var signIn = await session.GetAsync("/organiser/sign-in");
        var signedIn = await session.SubmitAsync(signIn, new Dictionary<string, string> { ["key"] = ServiceFixture.AdminKey });
        if (signedIn.Status != HttpStatusCode.Redirect || signedIn.Location != "/organiser")
        {
            throw new InvalidOperationException($"Signing in answered {(int)signedIn.Status} {signedIn.Location}: {string.Join("; ", signedIn.ErrorMessages)}");
        }

        return session;
    }

    public static async Task<IReadOnlyList<AuditRow>> AuditAsync(ServiceFixture fixture)
    {
        var table = new TableServiceClient(fixture.Storage.ConnectionString).GetTableClient("AuditLog");
        var rows = new List<AuditRow>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            rows.Add(new AuditRow(entity.GetDateTimeOffset("At")!.Value, entity.GetString("Actor"), entity.GetString("Action"), entity.GetString("Subject"), entity.GetString("Details")));
        }

        return rows;
    }

    /// <summary>Asserts the console wrote <paramref name="action"/> (about <paramref name="subject"/>, if given) since <paramref name="since"/>.</summary>
    public static async Task<AuditRow> AssertAuditedAsync(ServiceFixture fixture, DateTimeOffset since, string action, string? subject = null)
    {
        var rows = await AuditAsync(fixture);
        return Assert.Single(rows, r => r.At >= since && r.Actor == Actor && r.Action == action && (subject is null || r.Subject == subject));
    }
}
