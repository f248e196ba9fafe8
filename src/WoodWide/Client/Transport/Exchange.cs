using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;

namespace WoodWide.Client
{
    /// <summary>
    /// One attempt at a request as it goes down the transport's stages: where it goes now (a redirect moves it), with
    /// what method and message, whether the key may go with it, and what came back. A retry is a new exchange.
    /// </summary>
    internal sealed class Exchange : IDisposable
    {
        private List<HttpRequestMessage>? _messages;

        public Exchange(WwRequest request, Uri target, ApiOrigin api, Transfer transfer, TimeSpan timeout, TimeProvider clock)
        {
            Timeout = timeout;
            Request = request;
            Target = target;
            Method = request.Method;
            Api = api;
            Transfer = transfer;
            Clock = clock;
            KeyAllowed = request.WithKey;
        }

        public WwRequest Request { get; }

        public ApiOrigin Api { get; }

        public Transfer Transfer { get; }

        public TimeProvider Clock { get; }

        /// <summary>This attempt's time limit (<see cref="AttemptStage.Timeout"/>), which its <see cref="Transfer"/> keeps.</summary>
        public TimeSpan Timeout { get; }

        public HttpMethod Method { get; set; }

        public Uri Target { get; set; }

        /// <summary>False for a signed URL from the start (<see cref="WwRequest.WithKey"/>), and once a redirect left the origin.</summary>
        public bool KeyAllowed { get; set; }

        /// <summary>The key goes with this hop: it is allowed, and the target is the API's own origin.</summary>
        public bool KeyGoes => KeyAllowed && Api.Is(Target);

        /// <summary>False once a redirect turned the request into a GET (303, or 301/302 after a POST).</summary>
        public bool SendBody { get; set; } = true;

        /// <summary>The message of this hop, made by <see cref="MessageStage"/>.</summary>
        public HttpRequestMessage? Message { get; private set; }

        public HttpStatusCode? Status { get; set; }

        /// <summary>A line for the trace ("redirected to …").</summary>
        public string? Note { get; set; }

        /// <summary>Where a redirect took the request without the key (another origin): its origin; null if none did.</summary>
        public string? WithheldAt { get; set; }

        /// <summary>Makes this hop's message; it lives until the attempt is over, as a body may still be on its way.</summary>
        public HttpRequestMessage NewMessage()
        {
            Message = new HttpRequestMessage(Method, Target);
            (_messages ??= new List<HttpRequestMessage>()).Add(Message);
            return Message;
        }

        public void Dispose()
        {
            if (_messages is null) return;
            foreach (var message in _messages) message.Dispose();
            _messages = null;
        }
    }
}
