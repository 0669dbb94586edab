using Microsoft.Playwright;

namespace LocalGovStandard.Tests.Browser;

/// <summary>Keyboard-only steps for browser tests.</summary>
public static class KeyboardSteps
{
    /// <summary>Presses Tab until <paramref name="target"/> has focus, failing after <paramref name="maxPresses"/>.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 40)
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

    /// <summary>What a person does with an emailed link: opens it (a page with one button), tabs to the button and presses Enter.</summary>
    public static async Task OpenEmailedLinkAndPressAsync(IPage page, Uri link, string button)
    {
        await page.GotoAsync(link.ToString());
        await PressButtonAsync(page, button);
    }

    /// <summary>Tabs to the button with this name and presses Enter.</summary>
    public static async Task PressButtonAsync(IPage page, string button, int maxPresses = 40)
    {
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = button }), maxPresses);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Tabs to the field, selects what it holds and types over it.</summary>
    public static async Task TypeIntoAsync(IPage page, string selector, string text)
    {
        await TabToAsync(page, page.Locator(selector), maxPresses: 80);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }
}
