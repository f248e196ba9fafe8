using System.Net.Http;
using WoodWide.Client;

namespace WoodWide.Tests.Support;

/// <summary>The transport and the jobs client over one given HttpClient (a scripted handler, usually).</summary>
internal static class TestClients
{
    public static WwTransport Transport(HttpClient http, RetryPolicy? retry = null, Action<RequestTrace>? traced = null,
        WwConnection? connection = null, TimeProvider? clock = null) =>
        new(connection ?? TestKeys.Connection(), http) { Retry = retry ?? RetryPolicy.Default, Traced = traced, Clock = clock ?? TimeProvider.System };

    public static JobsClient Jobs(HttpClient http, RetryPolicy? retry = null, Action<RequestTrace>? traced = null,
        WwConnection? connection = null, TimeProvider? clock = null) =>
        new(Transport(http, retry, traced, connection, clock));
}
