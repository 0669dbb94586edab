using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Events;

/// <summary>
/// New invitations being written (<see cref="EventStore.StartRecording"/>): entity group transactions of 100 in row-key
/// order, four in flight. A send emails each invitation only once its own transaction has succeeded
/// (<see cref="RecordedAsync"/>), so the first requests go out while later rows are still being written, and no email ever
/// names an invitation that is not stored: a send that stops part-way resumes from the rows.
/// </summary>
public sealed class InvitationRecording
{
    private const int GroupSize = 100;
    private const int InFlight = 4;

    private readonly Dictionary<string, Task> _groupOf = new(StringComparer.Ordinal);
    private int _raced;

    internal InvitationRecording(TableClient table, IReadOnlyList<InvitationEntity> recorded, IReadOnlyList<InvitationEntity> added, CancellationToken cancellationToken)
    {
        All = [.. recorded, .. added];
        var slots = new SemaphoreSlim(InFlight);
        var groups = added.OrderBy(i => i.RowKey, StringComparer.Ordinal).Chunk(GroupSize)
            .Select(group => (Group: group, Written: WriteAsync(table, group, slots, cancellationToken)))
            .ToList();
        foreach (var (group, written) in groups)
        {
            foreach (var invitation in group)
            {
                _groupOf[invitation.RowKey] = written;
            }
        }

        Completion = Task.WhenAll(groups.Select(g => g.Written));
    }

    /// <summary>The invitations already recorded and those being added.</summary>
    public IReadOnlyList<InvitationEntity> All { get; }

    /// <summary>Every transaction finished; faults if any failed.</summary>
    public Task Completion { get; }

    /// <summary>Another send recorded some of the same invitations meanwhile: read the rows again for the true set.</summary>
    public bool Raced => Volatile.Read(ref _raced) > 0;

    /// <summary>Completes once this invitation is stored (at once for one recorded before); faults if its transaction failed.</summary>
    public Task RecordedAsync(InvitationEntity invitation) => _groupOf.GetValueOrDefault(invitation.RowKey) ?? Task.CompletedTask;

    /// <summary>Waits its turn (transactions start in row-key order), then writes the group in one transaction.</summary>
    private async Task WriteAsync(TableClient table, InvitationEntity[] group, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(group.Select(i => new TableTransactionAction(TableTransactionActionType.Add, i)), cancellationToken);
        }
        catch (TableTransactionFailedException exception) when (exception.Status == 409)
        {
            // Another send recorded some of them first: add the rest one by one.
            Interlocked.Increment(ref _raced);
            foreach (var invitation in group)
            {
                try
                {
                    await table.AddEntityAsync(invitation, cancellationToken);
                }
                catch (RequestFailedException conflict) when (conflict.Status == 409)
                {
                }
            }
        }
        finally
        {
            slots.Release();
        }
    }
}
