using Microsoft.Playwright;

namespace LocalGovStandard.Tests.Browser;

/// <summary>Moving through a page as a keyboard user does.</summary>
public static class KeyboardSteps
{
    /// <summary>Presses Tab until <paramref name="target"/> has focus, failing after <paramref name="maxPresses"/>.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 20)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{maxPresses} presses of Tab never reached {target}");
    }
}
