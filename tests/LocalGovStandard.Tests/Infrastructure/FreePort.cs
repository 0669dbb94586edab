using System.Net;
using System.Net.Sockets;

namespace LocalGovStandard.Tests.Infrastructure;

public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Three distinct free ports: the listeners are held together so the OS cannot hand out one port twice.</summary>
    public static (int First, int Second, int Third) NextThree()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }

    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        if (!await WaitUntilListeningAsync(port, DateTime.UtcNow + timeout, () => false))
        {
            throw new TimeoutException($"Nothing was listening on 127.0.0.1:{port} after {timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>False when the deadline passes or <paramref name="gaveUp"/> says the server has gone.</summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, DateTime deadline, Func<bool> gaveUp)
    {
        while (DateTime.UtcNow < deadline && !gaveUp())
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }
}
