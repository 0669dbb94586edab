using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Events;

public sealed record MovedMeetup(EventEntity Meetup, NoticeRun Notices);

/// <summary>A move: the new start (and end, or the same length as before), and a new venue and address when <see cref="Venue"/> is not null.</summary>
public sealed record MeetupMove(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Venue = null, string? Address = null, int? ExpectedSequence = null);


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
    /// Moves the meet-up (a new time, a new venue, or both) and tells those with a place, with a calendar file of the same UID and
    /// a higher SEQUENCE. Asked again for the time and venue it already has, it only sends the notices not yet sent for that move
    /// (the resume after a crash). With <see cref="MeetupMove.ExpectedSequence"/> (the pages' hidden version), a meet-up that
    /// changed since the page was drawn is not overwritten: the answer is an error on "version".
    /// </summary>
    public async Task<(MovedMeetup? Moved, FieldErrors Errors)> MoveAsync(EventEntity meetup, MeetupMove move, string actor, CancellationToken cancellationToken)
    {
        var (target, errors) = Plan(meetup, move);
        if (target is null)
        {
            return (null, errors);
        }

        bool AtTarget(EventEntity e) => e.StartsAt == target.StartsAt && e.EndsAt == target.EndsAt && e.Venue == target.Venue && e.Address == target.Address;
        var current = meetup;
        for (var attempt = 0; attempt < MaxAttempts && !(AtTarget(current) && current.Sequence > 0); attempt++)
        {
            if (move.ExpectedSequence is { } version && current.Sequence != version)
            {
                errors.Add("version", ChangedMeanwhile);
                return (null, errors);
            }

            current.StartsAt = target.StartsAt;
            current.EndsAt = target.EndsAt;
            current.RsvpBy = current.StartsAt;
            current.Venue = target.Venue;
            current.Address = target.Address;
            current.Sequence++;
            if (await store.SaveDefinitionAsync(current, cancellationToken))
            {
                await audit.WriteAsync(actor, "meetup.moved", current.SummitId, $"to {current.StartsAt:O} at \"{current.Venue}\" (sequence {current.Sequence})", CancellationToken.None);
                break;
            }

            current = await store.FindAsync(meetup.SummitId, cancellationToken) ?? throw new InvalidOperationException("The meet-up is gone.");
        }

        var run = await notices.SendAsync(current, EventEmails.NoticeKind.Moved, cancellationToken);
        return (new MovedMeetup(current, run), errors);
    }

    /// <summary>
    /// Cancels the meet-up (once), keeping the reason for the emails, and tells everyone with a place, each exactly once; asked
    /// again, it sends only what is not yet sent (with the reason first given).
    /// </summary>
    public async Task<MovedMeetup> CancelAsync(EventEntity meetup, string? reason, string actor, CancellationToken cancellationToken)
    {
        var current = meetup;
        for (var attempt = 0; attempt < MaxAttempts && current.CancelledAt is null; attempt++)
        {
            current.CancelledAt = clock.GetUtcNow();
            current.CancelReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            current.Sequence++;
            if (await store.SaveDefinitionAsync(current, cancellationToken))
            {
                await audit.WriteAsync(actor, "meetup.cancelled", current.SummitId, current.CancelReason, CancellationToken.None);
                break;
            }

            current = await store.FindAsync(meetup.SummitId, cancellationToken) ?? throw new InvalidOperationException("The meet-up is gone.");
        }

        return new MovedMeetup(current, await notices.SendAsync(current, EventEmails.NoticeKind.Cancelled, cancellationToken));
    }

    /// <summary>Whom <see cref="InviteGroupAsync"/> would email now, without recording or sending anything.</summary>
    public async Task<SendPreview> PreviewInvitationsAsync(PeerGroup group, EventEntity meetup, CancellationToken cancellationToken) =>
        await sender.PreviewInvitationsAsync(meetup, await GroupInviteesAsync(group, cancellationToken), cancellationToken);

    /// <summary>Invites the group's approved contacts who agreed to be contacted, with the summit rules (suppressions, one invitation per person, exactly once).</summary>
    public async Task<InvitationsSent> InviteGroupAsync(PeerGroup group, EventEntity meetup, string actor, CancellationToken cancellationToken) =>
        await sender.SendInvitationsAsync(meetup, await GroupInviteesAsync(group, cancellationToken), actor, cancellationToken);

    private async Task<IReadOnlyList<Invitee>> GroupInviteesAsync(PeerGroup group, CancellationToken cancellationToken) =>
        await selector.SelectAsync(new InviteeCriteria(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), null, [group]), cancellationToken);

    private const string ChangedMeanwhile = "Someone changed this meet-up after you opened this page. Check when and where it is now, and move it again if you still need to";

    /// <summary>The errors <see cref="MoveAsync"/> would give now, without changing anything: the pages' check step.</summary>
    public FieldErrors CheckMove(EventEntity meetup, MeetupMove move)
    {
        var (target, errors) = Plan(meetup, move);
        var done = target is not null && meetup.StartsAt == target.StartsAt && meetup.EndsAt == target.EndsAt && meetup.Venue == target.Venue && meetup.Address == target.Address;
        if (target is not null && move.ExpectedSequence is { } version && version != meetup.Sequence && !done)
        {
            errors.Add("version", ChangedMeanwhile);
        }

        return errors;
    }

    /// <summary>A copy of the meet-up as the (valid) move would leave it, for a check page.</summary>
    public EventEntity Preview(EventEntity meetup, MeetupMove move)
    {
        var target = Plan(meetup, move).Target ?? throw new InvalidOperationException("Only a valid move has a preview.");
        return new EventEntity
        {
            SummitId = meetup.SummitId, Name = meetup.Name, StartsAt = target.StartsAt, EndsAt = target.EndsAt, Venue = target.Venue, Address = target.Address,
            OnlineLink = meetup.OnlineLink, Capacity = meetup.Capacity, Accepted = meetup.Accepted,
        };
    }

    private sealed record MoveTarget(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Venue, string Address);

    private (MoveTarget? Target, FieldErrors Errors) Plan(EventEntity meetup, MeetupMove move)
    {
        var errors = new FieldErrors();
        if (meetup.CancelledAt is not null)
        {
            errors.Add("startsAt", "This meet-up is cancelled, so it cannot move");
        }
        else if (move.StartsAt is not { } start)
        {
            errors.Add("startsAt", "Enter when the meet-up now starts");
        }
        else if (start <= clock.GetUtcNow())
        {
            errors.Add("startsAt", "The meet-up must start in the future");
        }

        var end = move.EndsAt ?? move.StartsAt?.Add(meetup.EndsAt - meetup.StartsAt);
        if (move.EndsAt is { } ends && move.StartsAt is { } begins && (ends <= begins || ends - begins > TimeSpan.FromHours(12)))
        {
            errors.Add("endsAt", "The meet-up must end after it starts, on the same day");
        }

        var (venue, address) = move.Venue is null ? (meetup.Venue, meetup.Address) : NewVenue(meetup, move, errors);
        if (!errors.IsValid)
        {
            return (null, errors);
        }

        var target = new MoveTarget(move.StartsAt!.Value.ToUniversalTime(), end!.Value.ToUniversalTime(), venue, address);
        if (move.ExpectedSequence is { } expected && expected == meetup.Sequence
            && meetup.StartsAt == target.StartsAt && meetup.EndsAt == target.EndsAt && meetup.Venue == venue && meetup.Address == address)
        {
            errors.Add("startsAt", "Change the date, the time or the venue: this is when and where the meet-up already is");
            return (null, errors);
        }

        return (target, errors);
    }

    private static (string Venue, string Address) NewVenue(EventEntity meetup, MeetupMove move, FieldErrors errors)
    {
        var venue = errors.OptionalText("venue", move.Venue, "Venue", MeetupValidator.VenueMaxLength) ?? "";
        var address = errors.OptionalMultilineText("address", move.Address, "Address", MeetupValidator.AddressMaxLength) ?? "";
        if (venue.Length == 0 && string.IsNullOrEmpty(meetup.OnlineLink) && !errors.Has("venue"))
        {
            errors.Add("venue", "Enter the venue: this meet-up has no online link");
        }
        else if (venue.Length > 0 && address.Length == 0 && !errors.Has("address"))
        {
            errors.Add("address", "Enter the venue's address");
        }

        return (venue, venue.Length == 0 ? "" : address);
    }
}
