using System;

namespace WoodWide.Session
{
    /// <summary>A key or base URI that cannot be used; <see cref="ErrorId"/> (one of <see cref="ErrorIds"/>) names the condition.</summary>
    public sealed class ConnectionException : Exception
    {
        public ConnectionException(string errorId, string message, object? target = null) : base(message)
        {
            ErrorId = errorId;
            Target = target;
        }

        public string ErrorId { get; }

        /// <summary>The value refused (a base URI), for the error's target; never a key.</summary>
        public object? Target { get; }
    }
}
