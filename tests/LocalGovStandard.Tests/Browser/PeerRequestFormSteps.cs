using System.Globalization;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;

namespace LocalGovStandard.Tests.Browser;

/// <summary>The peer-assessment request form ("Ask for a peer assessment") filled in with the keyboard alone.</summary>
public static class PeerRequestFormSteps
{
    /// <summary>Types the service, picks the beta phase and <paramref name="standardId"/> with the arrow keys, and types each preferred date.</summary>
    public static async Task FillAsync(IPage page, string serviceName, string serviceUrl, string standardId, params DateOnly[] dates)
    {
        var keyboard = page.Keyboard;
        await TabToAsync(page, page.Locator("#serviceName"));
        await keyboard.TypeAsync(serviceName);
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(serviceUrl);
        await TabToAsync(page, page.Locator("input[name=phase]").First);
        await keyboard.PressAsync("ArrowDown");
        await keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, page.Locator("input[name=standardId]").First);
        await keyboard.PressAsync("Space");
        for (var presses = 0; presses < 5 && await page.Locator("input[name=standardId]:checked").InputValueAsync() != standardId; presses++)
        {
            await keyboard.PressAsync("ArrowDown");
        }

        for (var n = 1; n <= dates.Length; n++)
        {
            await TypeDateAsync(page, $"preferredDate{n}", dates[n - 1]);
        }

        Assert.Equal("beta", await page.Locator("input[name=phase]:checked").InputValueAsync());
        Assert.Equal(standardId, await page.Locator("input[name=standardId]:checked").InputValueAsync());
    }

    /// <summary>Tabs to a GOV.UK date input's day box and types the day, month and year.</summary>
    public static async Task TypeDateAsync(IPage page, string field, DateOnly date)
    {
        await TabToAsync(page, page.Locator($"#{field}-day"));
        await page.Keyboard.TypeAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
