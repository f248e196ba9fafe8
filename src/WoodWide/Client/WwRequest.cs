using System;
using System.Collections.Generic;
using System.Net.Http;

namespace WoodWide.Client
{
    /// <summary>
    /// One request for the transport: what to send where, and what the answer is about. The body is made afresh
    /// for each attempt (a retry or a redirect sends it again), so a stream is opened again rather than rewound.
    /// </summary>
    public sealed class WwRequest
    {
        public WwRequest(HttpMethod method, string target, ApiResource resource, string subject)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Target = target ?? throw new ArgumentNullException(nameof(target));
            Resource = resource;
            Subject = subject;
            // Reading is safe to repeat; a request that creates something is not, unless the server can tell copies apart.
            Idempotent = method != HttpMethod.Post && method.Method != "PATCH";
        }

        public static WwRequest Get(string target, ApiResource resource, string subject) =>
            new WwRequest(HttpMethod.Get, target, resource, subject);

        public HttpMethod Method { get; }

        /// <summary>A path relative to the API's base URI, or an absolute URL (a signed storage URL, say).</summary>
        public string Target { get; }

        public ApiResource Resource { get; }

        /// <summary>What the answer should be, for error texts: "a job", "a job list".</summary>
        public string Subject { get; }

        /// <summary>Makes the body for one attempt; null for none.</summary>
        public Func<Transfer, HttpContent>? Body { get; set; }

        /// <summary>
        /// Safe to send more than once for one call: true for GET and PUT, false for POST and PATCH unless the server
        /// can tell the copies apart (an Idempotency-Key). Read by the retry policy.
        /// </summary>
        public bool Idempotent { get; set; }

        /// <summary>
        /// False for a signed URL the API handed out (storage for an upload or a result): it carries its own credential,
        /// so it gets neither the API key nor a trace of its path, even on the API's own origin.
        /// </summary>
        public bool WithKey { get; set; } = true;

        /// <summary>The Accept header; the API's own requests ask for JSON when this is null, other origins get none.</summary>
        public string? Accept { get; set; }

        /// <summary>Headers of this request (Idempotency-Key, say). Never the Authorization header: the transport owns it.</summary>
        /// <remarks>Made on first use: most requests have none, and a dictionary each is a cost on every job fetched.</remarks>
        public IDictionary<string, string> Headers => _headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        internal bool HasHeaders => _headers is { Count: > 0 };

        private Dictionary<string, string>? _headers;

        /// <summary>
        /// For large transfers: the request timeout then bounds a stall (no byte moved for that long) rather than the
        /// whole exchange, so a 2 GB upload on a slow line is not cut off while it still moves.
        /// </summary>
        public bool TimeoutIsIdle { get; set; }

        /// <summary>Set by <see cref="WwTransport.OpenAsync"/>: the answer is handed over open, not read and disposed.</summary>
        internal bool KeepsResponse { get; set; }
    }
}
