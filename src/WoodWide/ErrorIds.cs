namespace WoodWide
{
    /// <summary>
    /// Every ErrorId WoodWide writes, in one place. Categories, scope and advice are in Commands/ErrorCatalog; the
    /// about_WoodWide_Errors help topic is made from that catalogue.
    /// </summary>
    public static class ErrorIds
    {
        // Arguments and set-up, before any request.
        public const string InvalidJobId = "WwInvalidJobId";
        public const string InvalidDatasetId = "WwInvalidDatasetId";
        public const string InvalidModelId = "WwInvalidModelId";
        public const string InvalidArgument = "WwInvalidArgument";
        public const string InputIncomplete = "WwInputIncomplete";
        public const string ApiKeyMissing = "WwApiKeyMissing";
        public const string ApiKeyEmpty = "WwApiKeyEmpty";
        public const string InvalidBaseUri = "WwInvalidBaseUri";
        public const string InsecureBaseUri = "WwInsecureBaseUri";
        public const string FileNotFound = "WwFileNotFound";
        public const string InvalidFile = "WwInvalidFile";
        public const string FileExists = "WwFileExists";

        // What the API answered.
        public const string JobNotFound = "WwJobNotFound";
        public const string DatasetNotFound = "WwDatasetNotFound";
        public const string ModelNotFound = "WwModelNotFound";
        public const string ResultNotFound = "WwResultNotFound";
        public const string NotFound = "WwNotFound";
        public const string InvalidRequest = "WwInvalidRequest";
        public const string AuthenticationFailed = "WwAuthenticationFailed";
        public const string QuotaExceeded = "WwQuotaExceeded";
        public const string PermissionDenied = "WwPermissionDenied";
        public const string Conflict = "WwConflict";
        public const string DatasetExists = "WwDatasetExists";
        public const string ModelExists = "WwModelExists";
        public const string DatasetNotReady = "WwDatasetNotReady";
        public const string ModelNotReady = "WwModelNotReady";
        public const string InputNotReady = "WwInputNotReady";
        public const string ResultNotReady = "WwResultNotReady";
        public const string ResultNeedsOutFile = "WwResultNeedsOutFile";
        public const string RateLimited = "WwRateLimited";
        public const string ServiceUnavailable = "WwServiceUnavailable";
        public const string UnexpectedStatus = "WwUnexpectedStatus";
        public const string InvalidResponse = "WwInvalidResponse";

        // When no answer came.
        public const string RequestTimeout = "WwRequestTimeout";
        public const string ConnectionFailed = "WwConnectionFailed";
        public const string RedirectRefused = "WwRedirectRefused";

        // How a waited-for job ended.
        public const string JobFailed = "WwJobFailed";
        public const string JobCanceled = "WwJobCanceled";
        public const string JobRejected = "WwJobRejected";
        public const string JobTimeout = "WwJobTimeout";
    }
}
