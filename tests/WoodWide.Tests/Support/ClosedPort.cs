using System.Net;
using System.Net.Sockets;

namespace WoodWide.Tests.Support;

/// <summary>A loopback port nothing listens on: a connection to it is refused at once.</summary>
internal static class ClosedPort
{
    public static int Get()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A base URI on a closed loopback port.</summary>
    public static string BaseUri() => $"http://127.0.0.1:{Get()}/";
}
