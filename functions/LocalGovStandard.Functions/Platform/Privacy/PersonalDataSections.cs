namespace LocalGovStandard.Platform.Privacy;

/// <summary>The holders' parts of a personal-data export, each under its own name ("summitInvitations"); the export writes them as properties of its JSON.</summary>
public sealed class PersonalDataSections
{
    public Dictionary<string, object?> Sections { get; } = new(StringComparer.Ordinal);

    public void Add(string name, object? section)
    {
        if (!Sections.TryAdd(name, section))
        {
            throw new InvalidOperationException($"Two holders export a section named {name}.");
        }
    }
}

/// <summary>One count of what an erasure removed or replaced, as the console shows it and the API names it.</summary>
public sealed record ErasedCount(string Name, string Label, int Count);

/// <summary>What an erasure has done so far, and what it must rebuild once the contact row is gone.</summary>
public sealed class ErasureProgress(string actor)
{
    private readonly List<ErasedCount> _counts = [];

    public string Actor => actor;

    public IReadOnlyList<ErasedCount> Counts => _counts;

    /// <summary>Derived copies (stored workbooks) that name the person, to build again from records that no longer do.</summary>
    public List<string> ToRebuild { get; } = [];

    public void Count(string name, string label, int count) => _counts.Add(new ErasedCount(name, label, count));
}
