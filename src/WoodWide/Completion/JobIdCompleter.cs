using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WoodWide.Completion
{
    /// <summary>Completes -Id with the jobs seen in this session, newest first; the tooltip says what each one is.</summary>
    public sealed class JobIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return SeenJobs.Recent()
                .Select(s => (s, id: s.JobId.ToString()))
                .Where(p => p.id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(p.id, p.id, CompletionResultType.ParameterValue,
                    $"{p.s.Type ?? "job"} {p.s.Status ?? string.Empty}".Trim()));
        }
    }
}
