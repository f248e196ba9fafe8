using System;

namespace WoodWide.Client
{
    /// <summary>The API's origin (scheme, host and port of the base URI): the only place the key goes.</summary>
    internal sealed class ApiOrigin
    {
        public ApiOrigin(Uri baseUri) => BaseUri = baseUri;

        public Uri BaseUri { get; }

        /// <summary>"https://api.woodwide.ai": how messages name it.</summary>
        public string Authority => BaseUri.GetLeftPart(UriPartial.Authority);

        public bool Is(Uri target) => Same(target, BaseUri);

        public static bool Same(Uri a, Uri b) =>
            a.Port == b.Port && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);
    }
}
