using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// A fault in one of the app's own storage clients (added to its options as a per-call policy): lets
/// <see cref="FailAfter"/>'s number of the requests it is about through, then answers 503 to every other until healed.
/// </summary>
public sealed class InjectedStorageFault(Func<Request, bool> isAbout, string unavailable) : HttpPipelinePolicy
{
    private int _allowed = int.MaxValue;

    public void FailAfter(int requests) => Volatile.Write(ref _allowed, requests);

    public void Heal() => Volatile.Write(ref _allowed, int.MaxValue);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (isAbout(message.Request) && Interlocked.Decrement(ref _allowed) < 0)
        {
            throw new RequestFailedException(503, $"{unavailable} is unavailable (injected by the test).");
        }
    }
}
