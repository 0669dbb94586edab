using Microsoft.Playwright;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// Runs axe-core (from node_modules) inside the page for the WCAG 2.2 A and AA rules. The page's
/// CSP forbids inline script, so the context must be opened with BypassCSP.
/// </summary>
public static class AxeChecks
{
    public const string RunWcag22AAndAA = """
        async () => {
          const results = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
          });
          return results.violations.flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(n.target)}`));
        }
        """;

    /// <summary>One line per violation and element: rule id, impact, what to fix, and the element's selector.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string pageName)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = BrowserFixture.AxeScriptPath });
        var violations = await page.EvaluateAsync<string[]>(RunWcag22AAndAA);
        return violations.Select(violation => $"{pageName} {new Uri(page.Url).PathAndQuery}: {violation}").ToList();
    }
}
