using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Validation;

namespace LocalGovStandard.PeerGroupSetup;

/// <summary>Both doors (the console and the admin API) create and change groups here: the editor's rules, then the announcement.</summary>
public sealed class PeerGroupLauncher(PeerGroupStore store, PeerGroupEditor editor, PeerGroupAnnouncement announcement)
{
    public async Task<(PeerGroup? Group, FieldErrors Errors)> CreateAsync(string? slug, PeerGroupRequest request, string actor, CancellationToken cancellationToken)
    {
        var (group, errors) = await editor.CreateAsync(slug, request, actor, cancellationToken);
        if (group is not null)
        {
            await announcement.AnnounceAsync(group, before: null, cancellationToken);
        }

        return (group, errors);
    }

    /// <summary>Changes (or creates) a group; only the councils it did not hold before are told about it.</summary>
    public async Task<(PeerGroup? Group, FieldErrors Errors)> SaveAsync(string slug, PeerGroupRequest request, string actor, CancellationToken cancellationToken)
    {
        var before = await store.FindAsync(slug, cancellationToken);
        var (group, errors) = await editor.SaveAsync(slug, request, actor, cancellationToken);
        if (group is not null)
        {
            await announcement.AnnounceAsync(group, before, cancellationToken);
        }

        return (group, errors);
    }
}
