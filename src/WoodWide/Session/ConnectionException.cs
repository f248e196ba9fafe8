using System;

namespace WoodWide.Session
{
    /// <summary>A key or base URI that cannot be used; <see cref="ErrorId"/> (one of <see cref="ErrorIds"/>) names the condition.</summary>
    public sealed class ConnectionException : Exception
    {
        public ConnectionException(string errorId, string message) : base(message) => ErrorId = errorId;

        public string ErrorId { get; }
    }
}
