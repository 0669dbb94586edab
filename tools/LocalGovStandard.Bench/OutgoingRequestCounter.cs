using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace LocalGovStandard.Bench;

/// <summary>
/// Counts this process's outgoing HTTP requests by server port, from the runtime's own
/// System.Net.Http metrics: how many storage (Azurite) and SendGrid requests an operation made.
/// </summary>
internal sealed class OutgoingRequestCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<int, long> _byPort = new();

    public OutgoingRequestCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int port)
                {
                    _byPort.AddOrUpdate(port, 1, (_, count) => count + 1);
                }
            }
        });
        _listener.Start();
    }

    public long To(int port) => _byPort.GetValueOrDefault(port);

    public void Dispose() => _listener.Dispose();
}
