using System;
using System.Security;
using WoodWide.Client;

namespace WoodWide.Session
{
    /// <summary>
    /// Decides which key and base URI a call uses. Base URI: -BaseUri, then the session, then WOODWIDE_BASE_URL, then
    /// https://api.woodwide.ai. Key: -ApiKey, then the session's (only for the base URI it was checked against), then
    /// WOODWIDE_API_KEY.
    /// </summary>
    public static class ConnectionResolver
    {
        public const string ApiKeyVariable = "WOODWIDE_API_KEY";
        public const string BaseUrlVariable = "WOODWIDE_BASE_URL";

        public static WwConnection Resolve(SecureString? apiKey, Uri? baseUri, WwSession? session,
            Func<string, string?> environment, TimeSpan? requestTimeout = null)
        {
            var uri = ResolveBaseUri(baseUri, session, environment);
            var usable = SessionFor(uri, session);
            var key = ResolveKey(apiKey, usable, environment,
                session?.ApiKey != null && usable is null ? $" The session's key (Connect-WwAccount) is for {session.BaseUri}, and is not sent to {uri}." : null);
            return new WwConnection(uri, key, requestTimeout);
        }

        /// <summary>Where the key of a call without -ApiKey or -BaseUri would come from: Session, Environment or None.</summary>
        public static string KeySource(WwSession? session, Func<string, string?> environment) =>
            session?.ApiKey != null ? "Session"
            : !string.IsNullOrWhiteSpace(environment(ApiKeyVariable)) ? "Environment"
            : "None";

        /// <summary>The base URI a call without -BaseUri would use.</summary>
        public static Uri ResolveBaseUri(WwSession? session, Func<string, string?> environment) =>
            ResolveBaseUri(null, session, environment);

        /// <summary>
        /// The session, when its key may go to <paramref name="baseUri"/>: a key checked against one server is not sent
        /// to another that a -BaseUri names.
        /// </summary>
        private static WwSession? SessionFor(Uri baseUri, WwSession? session) =>
            session?.BaseUri is Uri checkedAt && Uri.Compare(WwConnection.Normalize(checkedAt), baseUri,
                UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
                ? session
                : null;

        private static ApiKey ResolveKey(SecureString? apiKey, WwSession? session, Func<string, string?> environment, string? aside)
        {
            if (apiKey != null)
            {
                if (apiKey.Length == 0) throw new ConnectionException(ErrorIds.ApiKeyEmpty, "The -ApiKey given is empty.");
                return new ApiKey(apiKey);
            }
            if (session?.ApiKey is ApiKey sessionKey) return sessionKey;
            var fromEnvironment = environment(ApiKeyVariable)?.Trim();
            if (!string.IsNullOrEmpty(fromEnvironment)) return ApiKey.FromPlainText(fromEnvironment!);
            throw new ConnectionException(ErrorIds.ApiKeyMissing,
                $"No Wood Wide API key was found.{aside} Pass -ApiKey (a SecureString, e.g. (Get-Secret WoodWideApiKey) or " +
                $"(Read-Host -AsSecureString)), run Connect-WwAccount, or set the {ApiKeyVariable} environment variable.");
        }

        private static Uri ResolveBaseUri(Uri? baseUri, WwSession? session, Func<string, string?> environment)
        {
            string source;
            Uri candidate;
            if (baseUri != null) (source, candidate) = ("-BaseUri", baseUri);
            else if (session?.BaseUri != null) (source, candidate) = ("the session", session.BaseUri);
            else
            {
                var text = environment(BaseUrlVariable)?.Trim();
                if (string.IsNullOrEmpty(text)) return WwConnection.DefaultBaseUri;
                if (!Uri.TryCreate(text, UriKind.Absolute, out candidate!))
                    throw new ConnectionException(ErrorIds.InvalidBaseUri,
                        $"{BaseUrlVariable} is '{text}', which is not an absolute URI; give one like https://api.woodwide.ai.", text);
                source = BaseUrlVariable;
            }
            if (WwConnection.Validate(candidate) is var (errorId, problem))
                throw new ConnectionException(errorId, $"The base URI from {source} is refused: {problem}",
                    // Never echo credentials written into the URI back as the error's target.
                    candidate.IsAbsoluteUri && !string.IsNullOrEmpty(candidate.UserInfo) ? null : candidate.ToString());
            return WwConnection.Normalize(candidate);
        }
    }
}
