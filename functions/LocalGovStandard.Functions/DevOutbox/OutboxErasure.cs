namespace LocalGovStandard.DevOutbox;

/// <summary>An erased person's mail in the local outbox: every message to them, or whose text gives their address.</summary>
public static class OutboxErasure
{
    public static int EraseMailFor(string folder, string address)
    {
        var erased = 0;
        foreach (var message in OutboxReader.List(folder).Where(m => Names(m, address)))
        {
            File.Delete(Path.Combine(folder, message.FileName));
            erased++;
        }

        return erased;
    }

    private static bool Names(OutboxMessage message, string address) =>
        message.To.Contains(address, StringComparison.OrdinalIgnoreCase) || message.TextBody.Contains(address, StringComparison.OrdinalIgnoreCase);
}
