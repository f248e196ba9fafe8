using System;
using System.Linq;
using System.Management.Automation;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// -Status and -Type of a listing. The API may or may not filter on the server, so the filter is sent when the
    /// server can apply it exactly (one plain value, in the API's lower case) and always applied again here,
    /// case-insensitively.
    /// </summary>
    internal sealed class JobFilter
    {
        private readonly string[]? _statuses;
        private readonly WildcardPattern[]? _types;

        public JobFilter(string[]? statuses, string[]? types)
        {
            _statuses = statuses is { Length: > 0 } ? statuses : null;
            _types = types is { Length: > 0 }
                ? types.Select(t => WildcardPattern.Get(t, WildcardOptions.IgnoreCase)).ToArray()
                : null;
            ServerStatus = _statuses is { Length: 1 } ? _statuses[0].ToLowerInvariant() : null;
            ServerType = types is { Length: 1 } && !WildcardPattern.ContainsWildcardCharacters(types[0]) ? types[0].ToLowerInvariant() : null;
            IsLocal = (_statuses != null && ServerStatus is null) || (_types != null && ServerType is null);
        }

        public string? ServerStatus { get; }
        public string? ServerType { get; }

        /// <summary>True when some of the filter runs only here, so a page from the server may hold few matches.</summary>
        public bool IsLocal { get; }

        public bool Matches(JobSummary job) =>
            (_statuses is null || _statuses.Any(s => JobStatuses.Is(job.Status, s)))
            && (_types is null || _types.Any(p => p.IsMatch(job.Type ?? string.Empty)));
    }
}
