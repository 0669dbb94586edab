using System.Security.Claims;
using LocalGovStandard.Access;

namespace LocalGovStandard.Assessments;

/// <summary>
/// Where a peer-assessment panel meets the assessment flow. Assessments knows nothing of requests or panels: the
/// PeerAssessments feature decides who holds a grant (<see cref="IPanelGrants"/>) and what publishing a report means
/// (<see cref="IPanelReports"/>), and the panel records its draft with the council's own pages, services and ETags.
/// </summary>
public static class PanelDraftReference
{
    public const string Prefix = "PAN";

    /// <summary>The panel's draft for request PAR-7K2P-9QXD is PAN-7K2P-9QXD: one draft per request, found without an index.</summary>
    public static string For(string requestReference) => Prefix + requestReference[3..];

    public static string RequestOf(string panelReference) => "PAR" + panelReference[3..];

    /// <summary>Where a panel member's pages list their panels (the PeerAssessments feature serves it).</summary>
    public const string PanelsHref = "/assessments/panels";

    public static string PublishedHref(string requestReference) => $"{PanelsHref}?published={requestReference}";

    /// <summary>A panel member's page for the panel whose draft this is: where they come back to it.</summary>
    public static string PanelPageHref(string panelReference) => $"{PanelsHref}/{RequestOf(panelReference)}";

    /// <summary>The assessed council's page for its request (the PeerAssessments feature serves it): where it reads the panel's report and acts on it.</summary>
    public static string CouncilRequestHref(string requestReference) => $"{AssessmentsHref}/peer-requests/{requestReference}";

    public static string RequestHref(string panelReference) => CouncilRequestHref(RequestOf(panelReference));

    /// <summary>The assessment pages, where the panel records its draft as a council records its own.</summary>
    public const string AssessmentsHref = "/assessments";

    public static string DraftHref(string panelReference) => $"{AssessmentsHref}/{panelReference}";

    public static bool IsPanel(string? reference) => reference is not null && reference.StartsWith(Prefix + "-", StringComparison.Ordinal);
}

public interface IPanelGrants
{
    /// <summary>The scope a signed-in panel member holds over the panel draft with this reference; null when they hold no grant for it.</summary>
    /// <param name="opensDraft">True for a write: the draft is created if the panel has not started it. A read never creates it.</param>
    Task<CouncilScope?> ScopeForAsync(ClaimsPrincipal user, string panelReference, bool opensDraft, CancellationToken cancellationToken);
}

public interface IPanelReports
{
    /// <summary>
    /// After the lead assessor submits the panel's draft (and again when they submit once more, to finish a publication
    /// a crash interrupted): publish the report to the assessed council.
    /// </summary>
    Task PublishAsync(CouncilScope scope, AssessmentEntity assessment, IReadOnlyList<ActionEntity> openActions, CancellationToken cancellationToken);
}

/// <summary>The scope a request to an assessment's pages or API acts in: a panel member's grant for a panel draft's reference, else the session's own council.</summary>
public sealed class AssessmentScopes(IEnumerable<IPanelGrants> grants)
{
    public async Task<CouncilScope> ForAsync(HttpContext context, string reference, CancellationToken cancellationToken)
    {
        if (PanelDraftReference.IsPanel(reference))
        {
            foreach (var grant in grants)
            {
                if (await grant.ScopeForAsync(context.User, reference, !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method), cancellationToken) is { } scope)
                {
                    return scope;
                }
            }
        }

        // Without a grant the reference is looked up in the session's own council, where a panel's draft is never shown.
        return context.User.Scope();
    }
}
