using System.Net.Http;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// Makes each hop's message from the request: the method and target of the hop, the request's own headers and
    /// Accept, and its body, made afresh (a redirect that keeps the method sends it again; one to GET sends none).
    /// </summary>
    internal sealed class MessageStage : ITransportStage
    {
        public Task<HttpResponseMessage> SendAsync(Exchange exchange, NextStage next)
        {
            var request = exchange.Request;
            var message = exchange.NewMessage();
            if (request.Accept != null) message.Headers.Accept.ParseAdd(request.Accept);
            if (request.HasHeaders)
                foreach (var header in request.Headers) message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            if (exchange.SendBody && request.Body != null) message.Content = request.Body(exchange.Transfer);
            return next(exchange);
        }
    }
}
