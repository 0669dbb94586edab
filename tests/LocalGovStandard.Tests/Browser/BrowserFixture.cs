using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// The service on a real loopback port (Kestrel), the test council register, and one headless
/// Debian Chromium driven by Playwright. Each test opens its own browser context.
/// </summary>
public class BrowserFixture : ServiceFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;

    /// <summary>Where the app listens on loopback.</summary>
    public Uri BaseUrl => LoopbackUrl!;

    protected override bool OnLoopback => true;

    public IBrowser Browser { get; private set; } = default!;

    public static string AxeScriptPath => Path.Combine(RepositoryPaths.NodeModules, "axe-core", "axe.min.js");

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}. Run 'apt-get install -y chromium' (never 'playwright install').");
        }

        await base.InitializeAsync();
        await TestRegister.ImportAsync(CreateAdminClient());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A fresh browser profile (cookies, storage) pointed at the app. Actions give up after 20 s rather than 30 s;
    /// expectations wait up to 15 s rather than Playwright's 5 s, which a page's first render can take on a busy CI machine.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScriptEnabled = true, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            JavaScriptEnabled = javaScriptEnabled,
            BypassCSP = bypassCsp,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(20_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        return context;
    }

    /// <summary>The emailed verification link, moved from the configured public address onto the running server.</summary>
    public Uri VerificationLinkFor(string email) => new(BaseUrl, SignupSteps.LatestVerificationLink(SendGrid, email).PathAndQuery);

    /// <summary>The newest emailed sign-in link for this address (asked for through the form), moved onto the running server.</summary>
    public async Task<Uri> SignInLinkForAsync(string email) => new(BaseUrl, (await AccessSteps.RequestLinkAsync(this, email)).PathAndQuery);

    public const string ConfirmEmailButton = "Confirm email address";
    public const string SignInButton = "Sign in";

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
