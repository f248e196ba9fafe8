using System;
using System.Net;

namespace WoodWide.Client
{
    /// <summary>A failed API request. Its text holds the API's own message; never a key, a header or a body we sent.</summary>
    public sealed class WwApiException : Exception
    {
        public WwApiException(WwErrorKind kind, string message, HttpStatusCode? statusCode = null,
            string? detail = null, TimeSpan? retryAfter = null, Exception? inner = null,
            ApiResource resource = ApiResource.Path, bool requestSent = true)
            : base(message, inner)
        {
            Kind = kind;
            StatusCode = statusCode;
            Detail = detail;
            RetryAfter = retryAfter;
            Resource = resource;
            RequestSent = requestSent;
        }

        public WwErrorKind Kind { get; }

        /// <summary>The HTTP status, when the server answered.</summary>
        public HttpStatusCode? StatusCode { get; }

        /// <summary>The API's own message (FastAPI's <c>detail</c>), when it sent one.</summary>
        public string? Detail { get; }

        /// <summary>How long the server asked us to wait (Retry-After), when it did.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>What the request was about: a 404 means no such job, dataset, model or results for those, and no such path for <see cref="ApiResource.Path"/>.</summary>
        public ApiResource Resource { get; }

        /// <summary>False when no connection was ever made, so the server cannot have acted on the request.</summary>
        public bool RequestSent { get; }

        /// <summary>
        /// True for a request that creates something and failed after it was sent (a reset, a timeout, a 5xx): the server
        /// may have carried it out, so it was not sent again, and a caller should look before trying again.
        /// </summary>
        public bool MayHaveActed { get; internal set; }

        /// <summary>
        /// True when the same kind of failure has met several different requests in a row with no success between them
        /// (<see cref="FailureStreak"/>): a failure that would be about one item is then about the server.
        /// </summary>
        public bool Repeated { get; internal set; }

        /// <summary>May the same request succeed later? (<see cref="FailureRules.IsTransient"/>)</summary>
        public bool IsTransient => FailureRules.IsTransient(this);

        /// <summary>
        /// The same failure told in <paramref name="message"/> (the whole text a user sees, with what it was about), so
        /// that a script logging <c>$_.Exception.Message</c> logs what the console showed. The original is the inner exception.
        /// </summary>
        public WwApiException WithMessage(string message) =>
            new WwApiException(Kind, message, StatusCode, Detail, RetryAfter, this, Resource, RequestSent)
            {
                MayHaveActed = MayHaveActed,
                Repeated = Repeated,
            };

        /// <summary>This failure with <see cref="Repeated"/> as given: a wait's own policy says whether it is about the server.</summary>
        internal WwApiException AsRepeated(bool repeated)
        {
            if (Repeated == repeated) return this;
            var copy = WithMessage(Message);
            copy.Repeated = repeated;
            return copy;
        }
    }
}
