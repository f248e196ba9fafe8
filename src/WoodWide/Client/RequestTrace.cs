using System;
using System.Globalization;
using System.Net;

namespace WoodWide.Client
{
    /// <summary>
    /// What one request did, for -Verbose: method, path, status, time. Built from parts that cannot hold the key,
    /// a header or a body.
    /// </summary>
    public readonly struct RequestTrace
    {
        public RequestTrace(string method, string pathAndQuery, HttpStatusCode? status, TimeSpan elapsed, WwErrorKind? failure)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            Status = status;
            Elapsed = elapsed;
            Failure = failure;
        }

        public string Method { get; }
        public string PathAndQuery { get; }
        public HttpStatusCode? Status { get; }
        public TimeSpan Elapsed { get; }
        public WwErrorKind? Failure { get; }

        public override string ToString()
        {
            var outcome = Status is HttpStatusCode code
                ? ((int)code).ToString(CultureInfo.InvariantCulture) + " " + code
                : Failure?.ToString() ?? "no response";
            return string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} ({3:0} ms)",
                Method, PathAndQuery, outcome, Elapsed.TotalMilliseconds);
        }
    }
}
