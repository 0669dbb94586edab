using LocalGovStandard.Platform.Validation;

namespace LocalGovStandard.Events;

public sealed record SummitRequest(
    string? Name, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Venue, string? Address,
    int? Capacity, DateTimeOffset? RsvpBy, string? Description);

public sealed record ValidSummit(
    string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Venue, string Address, int Capacity, DateTimeOffset RsvpBy, string Description);

public static class SummitValidator
{
    public const int NameMaxLength = 120;
    public const int VenueMaxLength = 120;
    public const int AddressMaxLength = 300;
    public const int DescriptionMaxLength = 2000;
    public const int MaxCapacity = 10_000;

    /// <summary>Without an end time, a summit lasts this long.</summary>
    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(7);

    public static (ValidSummit? Summit, FieldErrors Errors) Validate(SummitRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var name = errors.RequiredText("name", request.Name, "Name", NameMaxLength, "Enter the summit's name");
        var venue = errors.RequiredText("venue", request.Venue, "Venue", VenueMaxLength, "Enter the venue");
        var address = errors.OptionalMultilineText("address", request.Address, "Address", AddressMaxLength);
        if (address is null && !errors.Has("address"))
        {
            errors.Add("address", "Enter the venue's address");
        }

        var description = errors.OptionalMultilineText("description", request.Description, "Description", DescriptionMaxLength) ?? "";

        if (request.StartsAt is not { } startsAt)
        {
            errors.Add("startsAt", "Enter when the summit starts, as an ISO 8601 date and time with an offset, e.g. 2027-03-04T09:30:00Z");
        }
        else if (startsAt <= now)
        {
            errors.Add("startsAt", "The summit must start in the future");
        }

        var endsAt = request.EndsAt ?? request.StartsAt?.Add(DefaultLength);
        if (request.EndsAt is { } end && request.StartsAt is { } start && end <= start)
        {
            errors.Add("endsAt", "The summit must end after it starts");
        }

        if (request.Capacity is not { } capacity)
        {
            errors.Add("capacity", "Enter the number of places");
        }
        else if (capacity is < 1 or > MaxCapacity)
        {
            errors.Add("capacity", $"The number of places must be between 1 and {MaxCapacity}");
        }

        if (request.RsvpBy is not { } rsvpBy)
        {
            errors.Add("rsvpBy", "Enter the date and time by which people must answer");
        }
        else if (rsvpBy <= now)
        {
            errors.Add("rsvpBy", "The RSVP deadline must be in the future");
        }
        else if (request.StartsAt is { } begins && rsvpBy > begins)
        {
            errors.Add("rsvpBy", "The RSVP deadline must be before the summit starts");
        }

        return errors.IsValid
            ? (new ValidSummit(name!, request.StartsAt!.Value.ToUniversalTime(), endsAt!.Value.ToUniversalTime(), venue!, address!,
                request.Capacity!.Value, request.RsvpBy!.Value.ToUniversalTime(), description), errors)
            : (null, errors);
    }
}
