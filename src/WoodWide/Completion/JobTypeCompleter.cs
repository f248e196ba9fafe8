using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WoodWide.Completion
{
    /// <summary>Completes -Type with the documented job types and any other seen in this session.</summary>
    public sealed class JobTypeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Model.JobTypes.Known
                .Concat(SeenJobs.Recent().Select(s => s.Type).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(t => t.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, t));
        }
    }
}
