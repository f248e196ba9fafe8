using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WoodWide.Completion
{
    /// <summary>Completes -Status with the documented statuses and any other seen in this session.</summary>
    public sealed class JobStatusCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Model.JobStatuses.All
                .Concat(SeenJobs.Recent().Select(s => s.Status).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(t => t.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, t));
        }
    }
}
