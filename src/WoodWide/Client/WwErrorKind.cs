namespace WoodWide.Client
{
    /// <summary>What went wrong with a request, in the terms a caller acts on.</summary>
    public enum WwErrorKind
    {
        /// <summary>401: the key is missing, wrong or revoked.</summary>
        Authentication,
        /// <summary>403: the key may not see or do this.</summary>
        PermissionDenied,
        /// <summary>404: no such resource (job, dataset, model, results), or no such path (<see cref="ApiResource.Path"/>).</summary>
        NotFound,
        /// <summary>400 or 422: the server refused the request's arguments.</summary>
        InvalidRequest,
        /// <summary>402: not enough credits.</summary>
        QuotaExceeded,
        /// <summary>409: the request conflicts with the current state.</summary>
        Conflict,
        /// <summary>429: too many requests.</summary>
        RateLimited,
        /// <summary>5xx: the service failed or is unavailable.</summary>
        ServerError,
        /// <summary>Any other unexpected HTTP status.</summary>
        UnexpectedStatus,
        /// <summary>The response was not the JSON the API documents.</summary>
        InvalidResponse,
        /// <summary>No answer within the request timeout.</summary>
        Timeout,
        /// <summary>The server could not be reached (DNS, refused, reset, TLS).</summary>
        Connection,
        /// <summary>
        /// The server redirected to another origin, where the key does not go: the answer there refused the request
        /// without it (401, 403), or the redirect pointed where WoodWide never goes (plain http to another machine).
        /// </summary>
        RedirectRefused,
    }
}
