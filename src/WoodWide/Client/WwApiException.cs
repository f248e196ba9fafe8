using System;
using System.Net;

namespace WoodWide.Client
{
    /// <summary>A failed API request. Its text holds the API's own message; never a key, a header or a body we sent.</summary>
    public sealed class WwApiException : Exception
    {
        public WwApiException(WwErrorKind kind, string message, HttpStatusCode? statusCode = null,
            string? detail = null, TimeSpan? retryAfter = null, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            StatusCode = statusCode;
            Detail = detail;
            RetryAfter = retryAfter;
        }

        public WwErrorKind Kind { get; }

        /// <summary>The HTTP status, when the server answered.</summary>
        public HttpStatusCode? StatusCode { get; }

        /// <summary>The API's own message (FastAPI's <c>detail</c>), when it sent one.</summary>
        public string? Detail { get; }

        /// <summary>How long the server asked us to wait (Retry-After), when it did.</summary>
        public TimeSpan? RetryAfter { get; }
    }
}
