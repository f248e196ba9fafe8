using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>One condition WoodWide reports: its ErrorId, category, what it means, and whether it ends the command.</summary>
    internal sealed class ErrorEntry
    {
        public ErrorEntry(string id, ErrorCategory category, string condition, string scope, string advice)
        {
            Id = id;
            Category = category;
            Condition = condition;
            Scope = scope;
            Advice = advice;
        }

        public string Id { get; }
        public ErrorCategory Category { get; }

        /// <summary>When it happens, as the README's error table says it.</summary>
        public string Condition { get; }

        /// <summary>"per item" (the pipeline goes on), "per job", or "ends the command".</summary>
        public string Scope { get; }

        /// <summary>What to do about it: the ErrorRecord's recommended action unless the call knows better.</summary>
        public string Advice { get; }
    }
}
