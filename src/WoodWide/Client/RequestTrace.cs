using System;
using System.Globalization;
using System.Net;

namespace WoodWide.Client
{
    /// <summary>
    /// What one request did, for -Verbose: method, path, status (or what went wrong without one), time. Built from
    /// parts that cannot hold the key, a header or a body we sent.
    /// </summary>
    public readonly struct RequestTrace
    {
        public RequestTrace(string method, string pathAndQuery, HttpStatusCode? status, TimeSpan elapsed, string? failure,
            TimeSpan? retryIn = null, int retry = 0, string? note = null)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            Status = status;
            Elapsed = elapsed;
            Failure = failure;
            RetryIn = retryIn;
            Retry = retry;
            Note = note;
        }

        public string Method { get; }
        public string PathAndQuery { get; }
        public HttpStatusCode? Status { get; }
        public TimeSpan Elapsed { get; }

        /// <summary>What went wrong when no status came back ("Could not reach host: Connection refused").</summary>
        public string? Failure { get; }

        /// <summary>When this attempt failed and will be tried again: after how long.</summary>
        public TimeSpan? RetryIn { get; }

        /// <summary>Which retry that will be (1 for the first).</summary>
        public int Retry { get; }

        /// <summary>A remark on the attempt (a redirect followed), built by the transport, never from a body or header value.</summary>
        public string? Note { get; }

        public override string ToString()
        {
            var outcome = Status is HttpStatusCode code
                ? ((int)code).ToString(CultureInfo.InvariantCulture) + " " + Words(code.ToString())
                : Failure ?? "no response";
            var line = string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} ({3:0} ms)",
                Method, PathAndQuery, outcome, Elapsed.TotalMilliseconds);
            if (Note != null) line += "; " + Note;
            if (RetryIn is TimeSpan wait)
                line += string.Format(CultureInfo.InvariantCulture, "; retry {0} in {1:0.0} s", Retry, wait.TotalSeconds);
            return line;
        }

        /// <summary>"ServiceUnavailable" as an error message says it: "Service Unavailable".</summary>
        private static string Words(string name)
        {
            var text = new System.Text.StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1])) text.Append(' ');
                text.Append(name[i]);
            }
            return text.ToString();
        }
    }
}
