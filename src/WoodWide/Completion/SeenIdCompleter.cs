using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WoodWide.Completion
{
    /// <summary>
    /// Completes an id parameter with the ids of its kind this session has seen (<see cref="SeenIds"/>), newest first,
    /// the tooltip saying what each is; never with file names (when none is left, one entry says so and inserts
    /// nothing new), and not with the ids the command already has for that parameter.
    /// </summary>
    public abstract class SeenIdCompleter : IArgumentCompleter
    {
        protected abstract IdKind Kind { get; }

        /// <summary>"dataset", "model version": for the entry that says there is none.</summary>
        protected abstract string Noun { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = wordToComplete ?? string.Empty;
            var typed = word.Trim('\'', '"');
            var given = Given(parameterName, commandAst, fakeBoundParameters);
            var results = SeenIds.Recent(Kind)
                .Where(s => !given.Contains(s.Id))
                .Select(s => (s, id: s.Id.ToString()))
                .Where(p => p.id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(p.id, p.id, CompletionResultType.ParameterValue, p.s.Description))
                .ToList();
            // An empty answer would let PowerShell offer the folder's file names, which are never ids.
            if (results.Count == 0)
                results.Add(new CompletionResult(word.Length == 0 ? " " : word, $"(no other {Noun} id seen in this session)",
                    CompletionResultType.ParameterValue,
                    $"Ids of {Noun}s appear here once a command of this session has written them (made, fetched or listed)."));
            return results;
        }

        /// <summary>The ids already given to the parameter: what PowerShell bound so far, and the list being typed.</summary>
        private HashSet<Guid> Given(string parameterName, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var given = new HashSet<Guid>();
            if (fakeBoundParameters != null && fakeBoundParameters.Contains(parameterName)) Add(given, fakeBoundParameters[parameterName]);
            var elements = commandAst?.CommandElements;
            if (elements is null) return given;
            for (var i = 0; i < elements.Count; i++)
            {
                if (elements[i] is not CommandParameterAst parameter
                    || !parameterName.StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase)) continue;
                AddEach(given, parameter.Argument ?? (i + 1 < elements.Count ? elements[i + 1] as ExpressionAst : null));
            }
            // The list being typed is the last element, named or positional ("Get-WwJob $a, 'b', <Tab>").
            if (elements.Count > 1 && elements[elements.Count - 1] is ExpressionAst last) AddEach(given, last);
            return given;
        }

        private void AddEach(HashSet<Guid> given, ExpressionAst? argument)
        {
            // A list still being typed ("$a, 'b',") parses as an error expression that holds what was typed.
            IEnumerable<Ast> items = argument is ArrayLiteralAst list ? list.Elements
                : argument is ErrorExpressionAst unfinished ? unfinished.NestedAst ?? Enumerable.Empty<Ast>()
                : argument is null ? Array.Empty<Ast>() : new Ast[] { argument };
            foreach (var item in items.SelectMany(item => item is ArrayLiteralAst inner ? inner.Elements.Cast<Ast>() : new[] { item }))
                Add(given, ValueOf(item));
        }

        /// <summary>
        /// The value of what was typed, where reading it has no side effect: text, a variable, its properties and items
        /// ($jobs[0].JobId). Nothing is invoked; anything else (a call, a command) counts as nothing.
        /// </summary>
        private static object? ValueOf(Ast item)
        {
            switch (item)
            {
                case StringConstantExpressionAst text:
                    return text.Value;
                case VariableExpressionAst variable:
                    return VariableValue(variable.VariablePath.UserPath);
                case MemberExpressionAst member when member is not InvokeMemberExpressionAst && !member.Static
                                                     && member.Member is StringConstantExpressionAst name:
                    var owner = ValueOf(member.Expression);
                    return owner is null ? null : PSObject.AsPSObject(owner).Properties[name.Value]?.Value;
                case IndexExpressionAst index when index.Index is ConstantExpressionAst { Value: int at }:
                    var target = ValueOf(index.Target);
                    var list = target is PSObject wrapped ? wrapped.BaseObject : target;
                    // As PowerShell indexes: a single object is its own [0] and [-1].
                    if (list is not IList items) return at == 0 || at == -1 ? target : null;
                    return at >= -items.Count && at < items.Count ? items[at < 0 ? items.Count + at : at] : null;
                case ParenExpressionAst paren when paren.Pipeline is PipelineAst { PipelineElements: { Count: 1 } } pipeline
                                                 && pipeline.PipelineElements[0] is CommandExpressionAst expression:
                    return ValueOf(expression.Expression);
                default:
                    return null;
            }
        }

        /// <summary>
        /// A variable's value, read through a nested pipeline on the runspace the completion runs in: its session state
        /// cannot be reached directly while that runspace runs TabExpansion2. Null if it cannot be read; a completer that
        /// throws makes PowerShell offer file names instead.
        /// </summary>
        private static object? VariableValue(string name)
        {
            try
            {
                using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
                var found = shell.AddCommand("Get-Variable").AddParameter("Name", name).AddParameter("ValueOnly").AddParameter("ErrorAction", "Ignore").Invoke();
                return found.Count == 1 ? found[0] : found.Count == 0 ? null : found;
            }
            catch (Exception e) when (e is RuntimeException || e is InvalidOperationException)
            {
                return null;
            }
        }

        private void Add(HashSet<Guid> given, object? value)
        {
            switch (value is PSObject wrapped ? wrapped.BaseObject : value)
            {
                case null:
                    return;
                case Guid id:
                    given.Add(id);
                    return;
                case string text:
                    if (Guid.TryParse(text, out var parsed)) given.Add(parsed);
                    return;
                case IEnumerable many:
                    foreach (var one in many) Add(given, one);
                    return;
                case var other:
                    foreach (var carried in SeenIds.In(other))
                        if (carried.Kind == Kind && !carried.InPassing) given.Add(carried.Id);
                    return;
            }
        }
    }

    public sealed class JobIdCompleter : SeenIdCompleter
    {
        protected override IdKind Kind => IdKind.Job;
        protected override string Noun => "job";
    }

    public sealed class DatasetIdCompleter : SeenIdCompleter
    {
        protected override IdKind Kind => IdKind.Dataset;
        protected override string Noun => "dataset";
    }

    public sealed class DatasetVersionIdCompleter : SeenIdCompleter
    {
        protected override IdKind Kind => IdKind.DatasetVersion;
        protected override string Noun => "dataset version";
    }

    public sealed class ModelIdCompleter : SeenIdCompleter
    {
        protected override IdKind Kind => IdKind.Model;
        protected override string Noun => "model";
    }

    public sealed class ModelVersionIdCompleter : SeenIdCompleter
    {
        protected override IdKind Kind => IdKind.ModelVersion;
        protected override string Noun => "model version";
    }
}
