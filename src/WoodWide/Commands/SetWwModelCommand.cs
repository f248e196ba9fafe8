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

        /// <summary>The new name (unique in the account).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The new description; an empty one clears it.</summary>
        [Parameter]
        [AllowEmptyString]
        [AllowNull]
        public string? Description { get; set; }

        /// <summary>Writes the model as it stands after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var setDescription = MyInvocation.BoundParameters.ContainsKey(nameof(Description));
            if (Name is null && !setDescription)
            {
                Report(ErrorRecords.InvalidArgument("Give -Name, -Description or both: there is nothing else to change.", Echo.Cut(Id)), Echo.Cut(Id));
                return;
            }
            if (!TryId(Id, "model", out var parsed, required: true) || parsed is not Guid id) return;
            if (Skip(id.ToString())) return;
            var change = Name is null ? string.Empty : $"rename to {Echo.Quoted(Name)}";
            if (setDescription)
                change += (change.Length > 0 ? ", " : string.Empty) + (string.IsNullOrEmpty(Description) ? "clear the description" : $"set the description to {Echo.Quoted(Description)}");
            if (!ShouldProcess($"model {id}", char.ToUpperInvariant(change[0]) + change.Substring(1))) return;
            ForItem(id.ToString(), $"Model {id}", () =>
            {
                var model = Await(Models.UpdateAsync(id, Name, setDescription, string.IsNullOrEmpty(Description) ? null : Description, CancelToken));
                if (PassThru) WriteObject(model);
            });
        }

        protected override (string Noun, string NotDone) Items => ("model", "changed");
    }
}
