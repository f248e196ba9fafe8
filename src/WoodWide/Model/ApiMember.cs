using System;

namespace WoodWide.Model
{
    /// <summary>
    /// One member a PowerShell user sees on an API object: the name the API gives it (<c>credits_consumed</c>), the
    /// .NET name (<c>CreditsConsumed</c>), and how to read it. A field is one of the API's own and is listed and
    /// serialized; a computed member (<c>Duration</c>) answers when asked by name but is neither.
    /// </summary>
    internal class ApiMember
    {
        public ApiMember(string? apiName, string clrName, Type type, Func<object, object?> read)
        {
            ApiName = apiName;
            ClrName = clrName;
            Type = type;
            Read = read;
        }

        /// <summary>The API's name; null for a computed member, which the API does not send.</summary>
        public string? ApiName { get; }

        public string ClrName { get; }

        public Type Type { get; }

        public Func<object, object?> Read { get; }

        public bool IsField => ApiName != null;

        /// <summary>The name a listing shows: the API's own, else the .NET one.</summary>
        public string Name => ApiName ?? ClrName;
    }
}
