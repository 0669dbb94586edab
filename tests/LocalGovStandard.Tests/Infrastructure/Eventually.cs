namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>Waits for a state the app reaches in the background (a send in flight, a row written); the patience only bounds a hang.</summary>
public static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(() => Task.FromResult(condition()), what);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Still waiting for {what} after {Patience.TotalSeconds:0} s.");
            }
        }
    }
}
