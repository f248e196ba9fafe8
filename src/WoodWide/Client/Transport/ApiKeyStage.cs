using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// Where the key is added: as a Bearer header, to a hop bound for the API's own origin only (<see cref="Exchange.KeyGoes"/>),
    /// never to a signed storage URL or another origin; such a hop asks for JSON unless the request said otherwise.
    /// </summary>
    internal sealed class ApiKeyStage : ITransportStage
    {
        private readonly ApiKey _key;

        public ApiKeyStage(ApiKey key) => _key = key;

        public Task<HttpResponseMessage> SendAsync(Exchange exchange, NextStage next)
        {
            if (exchange.KeyGoes)
            {
                var message = exchange.Message!;
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key.Reveal());
                if (message.Headers.Accept.Count == 0) message.Headers.Accept.ParseAdd("application/json");
            }
            return next(exchange);
        }
    }
}
