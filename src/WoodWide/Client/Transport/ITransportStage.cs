using System.Net.Http;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>The rest of the stages below one, down to the send.</summary>
    internal delegate Task<HttpResponseMessage> NextStage(Exchange exchange);

    /// <summary>
    /// One stage of the transport, one rule each (as Azure.Core's pipeline policies and HttpClient's delegating
    /// handlers are): it may change the exchange, call the stages below, and look at or replace what they answer.
    /// The order is <see cref="WwTransport"/>'s: the status check, redirects, the message, the key, the send.
    /// </summary>
    internal interface ITransportStage
    {
        Task<HttpResponseMessage> SendAsync(Exchange exchange, NextStage next);
    }

    /// <summary>Stages in order, ending in the send.</summary>
    internal sealed class StageChain
    {
        private readonly ITransportStage[] _stages;
        private readonly NextStage _last;

        public StageChain(NextStage last, params ITransportStage[] stages)
        {
            _stages = stages;
            _last = last;
        }

        public Task<HttpResponseMessage> SendAsync(Exchange exchange) => Run(0, exchange);

        private Task<HttpResponseMessage> Run(int index, Exchange exchange) =>
            index == _stages.Length ? _last(exchange) : _stages[index].SendAsync(exchange, next => Run(index + 1, next));
    }
}
