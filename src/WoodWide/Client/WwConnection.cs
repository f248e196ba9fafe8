using System;

namespace WoodWide.Client
{
    /// <summary>Where requests go and with which key: resolved once per cmdlet call, then read-only.</summary>
    public sealed class WwConnection
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://api.woodwide.ai/");
        public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

        public WwConnection(Uri baseUri, ApiKey apiKey, TimeSpan? requestTimeout = null)
        {
            BaseUri = Normalize(baseUri);
            ApiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
            RequestTimeout = requestTimeout ?? DefaultRequestTimeout;
        }

        /// <summary>The API root, always ending in '/', so relative paths keep any prefix it has.</summary>
        public Uri BaseUri { get; }

        public ApiKey ApiKey { get; }

        public TimeSpan RequestTimeout { get; }

        /// <summary>Checks a base URI: absolute http(s), no credentials in it, and plain http only to this machine.</summary>
        /// <returns>null when it is fine, else why not, with the ErrorId that names the condition.</returns>
        public static (string ErrorId, string Message)? Validate(Uri uri)
        {
            if (!uri.IsAbsoluteUri)
                return (ErrorIds.InvalidBaseUri, $"'{uri}' is not an absolute URI; give one like https://api.woodwide.ai.");
            // First, so that no message below echoes the credentials back.
            if (!string.IsNullOrEmpty(uri.UserInfo))
                return (ErrorIds.InvalidBaseUri, "The base URI must not carry credentials; use -ApiKey.");
            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                return (ErrorIds.InvalidBaseUri, $"'{uri}' is not an http(s) URI.");
            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
                return (ErrorIds.InsecureBaseUri, $"'{uri.GetLeftPart(UriPartial.Authority)}' uses plain http, which would send the API key unencrypted; use https (http is allowed for loopback only).");
            return null;
        }

        internal static Uri Normalize(Uri uri)
        {
            var text = uri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }
    }
}
