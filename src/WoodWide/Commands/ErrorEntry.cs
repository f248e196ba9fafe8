using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>One condition WoodWide reports: its ErrorId, category, what it means, and whether it ends the command.</summary>
    internal sealed class ErrorEntry
    {
        public ErrorEntry(string id, ErrorCategory category, string condition, ErrorScope scope, string advice)
        {
            Id = id;
            Category = category;
            Condition = condition;
            Scope = scope;
            Advice = advice;
        }

        public string Id { get; }
        public ErrorCategory Category { get; }

        /// <summary>When it happens, as about_WoodWide_Errors says it.</summary>
        public string Condition { get; }

        /// <summary>What it is about, and so what it does to the rest of the work.</summary>
        public ErrorScope Scope { get; }

        /// <summary>The scope as about_WoodWide_Errors says it.</summary>
        public string ScopeText => Scope switch
        {
            ErrorScope.Item => "per item: the next items go on",
            ErrorScope.ItemUnlessRepeated => $"per item; about the server once {Client.FailureStreak.Threshold} items in a row meet it",
            ErrorScope.Server => "about the server: nothing more is sent, and the command ends",
            _ => "ends the command before any request",
        };

        /// <summary>What to do about it: the ErrorRecord's recommended action unless the call knows better.</summary>
        public string Advice { get; }
    }
}
