using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Events;

public sealed record MovedMeetup(EventEntity Meetup, NoticeRun Notices);

/// <summary>
/// A peer group's meet-ups: scheduling one or a series, moving, cancelling and inviting the group. The organiser's API and
/// console and the lead's pages all come here, each having first decided that the caller may act for the group.
/// </summary>
public sealed class MeetupScheduler(
    EventStore store, StandardCatalogue standards, AttendeeNotices notices, InviteeSelector selector, EventSender sender, IEventPacks packs, AuditLog audit, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    public Standard Standard => standards.Find(MeetupValidator.StandardId)!;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<(IReadOnlyList<EventEntity>? Meetups, FieldErrors Errors)> ScheduleAsync(PeerGroup group, MeetupRequest request, string actor, CancellationToken cancellationToken)
    {
        var (valid, errors) = MeetupValidator.Validate(request, Standard, clock.GetUtcNow());
        var pack = await PackAsync(request.PackId, valid?.Points ?? request.Points ?? [], errors, cancellationToken);
        if (valid is null || !errors.IsValid)
        {
            return (null, errors);
        }

        var meetups = await store.CreateMeetupsAsync(group.Slug, valid, pack, cancellationToken);
        await audit.WriteAsync(actor, "meetup.scheduled", group.Slug, $"{meetups.Count} meeting(s): {string.Join(", ", meetups.Select(m => m.SummitId))}", CancellationToken.None);
        foreach (var meetup in meetups.Where(m => pack is not null))
        {
            await packs.RecordUseAsync(pack!.Id, meetup.SummitId, meetup.Name, meetup.StartsAt, cancellationToken);
        }

        return (meetups, errors);
    }

    /// <summary>
    /// Changes the pack a meet-up uses (an empty id stops using one) and records the use in the library. Asked again with the
    /// same pack, it records the use again, which is how a use lost to a crash after the meet-up was saved gets recorded.
    /// </summary>
    public async Task<(EventEntity? Meetup, FieldErrors Errors)> UsePackAsync(EventEntity meetup, string? packId, string actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (meetup.CancelledAt is not null)
        {
            errors.Add("packId", "This meet-up is cancelled, so its pack cannot change");
            return (null, errors);
        }

        var pack = await PackAsync(packId, MeetupView.PointsOf(meetup), errors, cancellationToken);
        if (!errors.IsValid)
        {
            return (null, errors);
        }

        var current = meetup;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            current.PackId = pack?.Id;
            current.PackTitle = pack?.Title;
            current.PackPath = pack?.PagePath;
            if (await store.SaveDefinitionAsync(current, cancellationToken))
            {
                await audit.WriteAsync(actor, "meetup.pack", current.SummitId, pack?.Id ?? "none", CancellationToken.None);
                if (pack is not null)
                {
                    await packs.RecordUseAsync(pack.Id, current.SummitId, current.Name, current.StartsAt, cancellationToken);
                }

                return (current, errors);
            }

            current = await store.FindAsync(meetup.SummitId, cancellationToken) ?? throw new InvalidOperationException("The meet-up is gone.");
        }

        throw new Azure.RequestFailedException(503, "The meet-up kept changing while its pack was being set.");
    }

    /// <summary>The published pack to use, or null for none; an error on <c>packId</c> for a draft, an unknown pack, or one on other points.</summary>
    private async Task<EventPack?> PackAsync(string? packId, IReadOnlyList<int> points, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(packId))
        {
            return null;
        }

        if (packId.Length > 40 || await packs.FindPublishedAsync(packId.Trim(), cancellationToken) is not { } pack)
        {
            errors.Add("packId", "Choose a published pack from the library");
            return null;
        }

        if (points.Count > 0 && !pack.Points.Intersect(points).Any())
        {
            errors.Add("packId", $"Choose a pack that covers one of the meet-up's points ({string.Join(", ", points)}); this one covers {string.Join(", ", pack.Points)}");
            return null;
        }

        return pack;
    }

    /// <summary>The published packs a meet-up can use, for the forms' pack choice.</summary>
    public Task<IReadOnlyList<EventPack>> PublishedPacksAsync(CancellationToken cancellationToken) => packs.PublishedAsync(cancellationToken);

    /// <summary>The group's meet-up with this id, or null (another group's, a summit, or none).</summary>
    public async Task<EventEntity?> FindAsync(PeerGroup group, string? eventId, CancellationToken cancellationToken) =>
        await store.FindAsync(eventId, cancellationToken) is { Kind: EventKinds.Meetup } found && found.PeerGroup == group.Slug ? found : null;

    /// <summary>
    /// Moves the meet-up and tells those with a place, with a calendar file of the same UID and a higher SEQUENCE. Asked again
    /// for the time it already has, it only sends the notices not yet sent for that move (the resume after a crash).
    /// </summary>
    public async Task<(MovedMeetup? Moved, FieldErrors Errors)> MoveAsync(
        EventEntity meetup, DateTimeOffset? startsAt, DateTimeOffset? endsAt, string actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        if (meetup.CancelledAt is not null)
        {
            errors.Add("startsAt", "This meet-up is cancelled, so it cannot move");
        }
        else if (startsAt is not { } start)
        {
            errors.Add("startsAt", "Enter when the meet-up now starts");
        }
        else if (start <= now)
        {
            errors.Add("startsAt", "The meet-up must start in the future");
        }

        var end = endsAt ?? startsAt?.Add(meetup.EndsAt - meetup.StartsAt);
        if (endsAt is { } ends && startsAt is { } begins && (ends <= begins || ends - begins > TimeSpan.FromHours(12)))
        {
            errors.Add("endsAt", "The meet-up must end after it starts, on the same day");
        }

        if (!errors.IsValid)
        {
            return (null, errors);
        }

        var current = meetup;
        for (var attempt = 0; attempt < MaxAttempts && !(current.StartsAt == startsAt && current.EndsAt == end && current.Sequence > 0); attempt++)
        {
            current.StartsAt = startsAt!.Value.ToUniversalTime();
            current.EndsAt = end!.Value.ToUniversalTime();
            current.RsvpBy = current.StartsAt;
            current.Sequence++;
            if (await store.SaveDefinitionAsync(current, cancellationToken))
            {
                await audit.WriteAsync(actor, "meetup.moved", current.SummitId, $"to {current.StartsAt:O} (sequence {current.Sequence})", CancellationToken.None);
                break;
            }

            current = await store.FindAsync(meetup.SummitId, cancellationToken) ?? throw new InvalidOperationException("The meet-up is gone.");
        }

        var run = await notices.SendAsync(current, EventEmails.NoticeKind.Moved, cancellationToken);
        return (new MovedMeetup(current, run), errors);
    }

    /// <summary>Cancels the meet-up (once) and tells everyone with a place, each exactly once; asked again, it sends only what is not yet sent.</summary>
    public async Task<MovedMeetup> CancelAsync(EventEntity meetup, string actor, CancellationToken cancellationToken)
    {
        var current = meetup;
        for (var attempt = 0; attempt < MaxAttempts && current.CancelledAt is null; attempt++)
        {
            current.CancelledAt = clock.GetUtcNow();
            current.Sequence++;
            if (await store.SaveDefinitionAsync(current, cancellationToken))
            {
                await audit.WriteAsync(actor, "meetup.cancelled", current.SummitId, cancellationToken: CancellationToken.None);
                break;
            }

            current = await store.FindAsync(meetup.SummitId, cancellationToken) ?? throw new InvalidOperationException("The meet-up is gone.");
        }

        return new MovedMeetup(current, await notices.SendAsync(current, EventEmails.NoticeKind.Cancelled, cancellationToken));
    }

    /// <summary>Invites the group's approved contacts who agreed to be contacted, with the summit rules (suppressions, one invitation per person, exactly once).</summary>
    public async Task<InvitationsSent> InviteGroupAsync(PeerGroup group, EventEntity meetup, string actor, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var invitees = await selector.SelectAsync(new InviteeCriteria(today, null, [group]), cancellationToken);
        return await sender.SendInvitationsAsync(meetup, invitees, actor, cancellationToken);
    }
}
