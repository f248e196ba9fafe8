using System;
using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>Renames a model or changes its description (PATCH /models/{model_id}); the model itself is not retrained.</summary>
    [Cmdlet(VerbsCommon.Set, "WwModel", SupportsShouldProcess = true, HelpUri = HelpPages.Base + "Set-WwModel.md")]
    [OutputType(typeof(WwModel))]
    public sealed class SetWwModelCommand : WwCmdlet
    {

        /// <summary>The model's id. Binds ModelId and model_id properties.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelId", "model_id")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [Id("model")]
        public string Id { get; set; } = string.Empty;

        /// <summary>
        /// The new name (unique in the account). Binds a Name property of a piped row (Import-Csv), never the name of a
        /// piped model: that is the name it has.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Name { get; set; }

        /// <summary>
        /// The new description; an empty one clears it. Binds a Description property of a piped row (an empty cell
        /// changes nothing), never a piped model's own.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? Description { get; set; }

        /// <summary>A piped object of the module's own (a model): its name and description are what it has, not new ones.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public ApiObject? InputObject { get; set; }

        /// <summary>Writes the model as it stands after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (OnCommandLine(nameof(Name)) && string.IsNullOrEmpty(Name))
                Report(ErrorRecords.InvalidArgument("-Name is empty: give the model's new name, or leave -Name out to keep it.", Name), null);
        }

        protected override void ProcessRecord()
        {
            // From the pipeline, a row's cells are the change (an empty one is none); a model's own fields are not.
            var fromRow = InputObject is null;
            var name = fromRow || OnCommandLine(nameof(Name)) ? Given(Name, nameof(Name)) : null;
            var description = fromRow || OnCommandLine(nameof(Description)) ? Given(Description, nameof(Description)) : null;
            // Given on the command line, even empty or $null, it is set (cleared); from a row, only a cell with text.
            var setDescription = OnCommandLine(nameof(Description)) || description != null;
            if (name is null && !setDescription)
            {
                // A row with empty cells is that row's fault; a call that names no change is the whole call's.
                Report(fromRow && MyInvocation.ExpectingInput && !OnCommandLine(nameof(Name)) && !OnCommandLine(nameof(Description))
                    ? ErrorRecords.InputIncomplete($"Model {Echo.Cut(Id)}: the row gives no Name or Description to change to.", Echo.Cut(Id))
                    : ErrorRecords.InvalidArgument("Give -Name, -Description or both: there is nothing else to change.", Echo.Cut(Id)), Echo.Cut(Id));
                return;
            }
            if (!TryId(Id, "model", out var parsed, required: true) || parsed is not Guid id) return;
            if (Skip(id.ToString())) return;
            var change = name is null ? string.Empty : $"rename to {Echo.Quoted(name)}";
            if (setDescription)
                change += (change.Length > 0 ? ", " : string.Empty) + (string.IsNullOrEmpty(description) ? "clear the description" : $"set the description to {Echo.Quoted(description)}");
            if (!ShouldProcess($"model {id}", char.ToUpperInvariant(change[0]) + change.Substring(1))) return;
            ForItem(id.ToString(), $"Model {id}", () =>
            {
                try
                {
                    var model = Await(Models.UpdateAsync(id, name, setDescription, string.IsNullOrEmpty(description) ? null : description, CancelToken));
                    if (PassThru) WriteObject(model);
                }
                catch (WwApiException e) when (ErrorCatalog.IdOf(e) == ErrorIds.ModelExists && name != null)
                {
                    Report(ErrorRecords.ForRequest(e, id.ToString(), $"Model {id}", advice: TakenNameAdvice(name)), id.ToString());
                }
            });
        }

        /// <summary>For a name that is taken: the model that has it, looked up by name; the catalogue's words if none is found.</summary>
        private string? TakenNameAdvice(string name)
        {
            var holder = FindListed<WwModel>(Models.ListAsync, m => string.Equals(m.Name, name, StringComparison.Ordinal));
            return holder is null ? null : $"The name is model {holder.ModelId}'s: give another -Name, or rename that one first.";
        }

        protected override (string Noun, string NotDone) Items => ("model", "changed");
    }
}
