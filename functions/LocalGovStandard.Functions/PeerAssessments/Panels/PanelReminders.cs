using System.Globalization;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Functions;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>
/// Daily: reminds the members who accepted, 7 days and 1 day before their panel, and queues any invitation a failure
/// left behind, with any panel seat row missing (panels confirmed before the rows were kept). A run that was missed catches up (the week's reminder from 7 days to 2 days before, the day's from
/// 1 day before to the day); the mail ledger sends each reminder once however many runs queue it.
/// </summary>
public sealed class PanelReminders(PeerAssessmentRequestStore store, PanelInvitations invitations, PanelSeatIndex seats, TimeProvider clock) : ITimerFunction
{
    public const string Name = "PeerAssessmentPanelReminders";

    /// <summary>Daily at 07:00 UTC.</summary>
    public const string Schedule = "0 0 7 * * *";

    public async Task<IReadOnlyList<string>> RunAsync(TimerContext context, CancellationToken cancellationToken)
    {
        var today = UkTime.Today(clock);
        var (weekAhead, dayAhead, invited) = (0, 0, 0);
        foreach (var request in await store.AllAsync(cancellationToken))
        {
            if (request.Status != PeerAssessmentRequestEntity.PanelConfirmed
                || !DateOnly.TryParseExact(request.PanelDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || date < today)
            {
                continue;
            }

            await seats.AddSeatedAsync(request, cancellationToken);
            invited += await invitations.SendAsync(request, cancellationToken);
            var daysLeft = date.DayNumber - today.DayNumber;
            if (daysLeft is >= 2 and <= 7)
            {
                weekAhead += await invitations.RemindAsync(request, 7, cancellationToken);
            }
            else if (daysLeft <= 1)
            {
                dayAhead += await invitations.RemindAsync(request, 1, cancellationToken);
            }
        }

        return [string.Create(CultureInfo.InvariantCulture,
            $"Queued {weekAhead} week-ahead and {dayAhead} day-ahead panel reminder(s), and {invited} invitation(s) still unanswered (the mail ledger sends each once).")];
    }
}
