namespace LocalGovStandard.Organiser;

public sealed class ConsoleOptions
{
    public const string Section = "LocalGovStandard:Console";

    /// <summary>An organiser's console session ends this long after signing in, however active they are.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Wrong keys a client may enter per <see cref="SignInFailureWindow"/> before sign-in is refused.</summary>
    public int SignInFailureLimit { get; set; } = 5;

    public TimeSpan SignInFailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
