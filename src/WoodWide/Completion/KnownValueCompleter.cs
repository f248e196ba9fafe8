using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WoodWide.Completion
{
    /// <summary>
    /// Completes a parameter with the values the docs name and any other seen on a job in this session (the API may
    /// add some): one rule for -Status and -Type, each a subclass that says which values.
    /// </summary>
    public abstract class KnownValueCompleter : IArgumentCompleter
    {
        /// <summary>The documented values, offered first.</summary>
        protected abstract IEnumerable<string> Documented { get; }

        /// <summary>The value of a job seen in this session; null or empty when it has none.</summary>
        protected abstract string? ValueOf(SeenIds.Seen job);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Documented
                .Concat(SeenIds.Recent(IdKind.Job).Select(ValueOf).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(t => t.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, t));
        }
    }
}
