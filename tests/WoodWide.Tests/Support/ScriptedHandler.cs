using System.Net;
using System.Net.Http;
using System.Text;

namespace WoodWide.Tests.Support;

/// <summary>An HttpMessageHandler that answers from a script and remembers what it was sent.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;

    public ScriptedHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

    public ScriptedHandler(HttpStatusCode status, string body, string contentType = "application/json", Action<HttpResponseMessage>? tweak = null)
        : this((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            tweak?.Invoke(response);
            return Task.FromResult(response);
        })
    {
    }

    public List<HttpRequestMessage> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return _answer(request, cancellationToken);
    }
}
