using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// The last stage: sends the hop's message on the HttpClient of its origin (one per origin, kept alive) and hands
    /// back the answer as soon as its head has come; the body is the caller's to read.
    /// </summary>
    internal sealed class SendStage
    {
        private readonly Func<Uri, HttpClient> _clientFor;

        public SendStage(Func<Uri, HttpClient> clientFor) => _clientFor = clientFor;

        public async Task<HttpResponseMessage> SendAsync(Exchange exchange)
        {
            var response = await _clientFor(exchange.Target)
                .SendAsync(exchange.Message!, HttpCompletionOption.ResponseHeadersRead, exchange.Transfer.Token).ConfigureAwait(false);
            exchange.Status = response.StatusCode;
            return response;
        }
    }
}
