using System;
using System.Runtime.InteropServices;
using System.Security;

namespace WoodWide.Client
{
    /// <summary>
    /// The API key, held as a read-only SecureString. It is turned into text only where the Authorization header is
    /// built, and nothing about it (not even its length) shows in ToString, so it cannot reach a log by accident.
    /// </summary>
    public sealed class ApiKey
    {
        private readonly SecureString _secret;

        public ApiKey(SecureString secret)
        {
            if (secret is null) throw new ArgumentNullException(nameof(secret));
            _secret = secret.Copy();
            _secret.MakeReadOnly();
        }

        /// <summary>From plain text (the environment variable); the text is copied into a SecureString.</summary>
        public static ApiKey FromPlainText(string text)
        {
            if (string.IsNullOrEmpty(text)) throw new ArgumentException("The API key is empty.", nameof(text));
            var secret = new SecureString();
            foreach (var c in text) secret.AppendChar(c);
            return new ApiKey(secret);
        }

        /// <summary>The key as text, for the Authorization header only. Callers must not keep or log it.</summary>
        internal string Reveal()
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        public override string ToString() => "ApiKey(redacted)";
    }
}
