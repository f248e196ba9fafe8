using System;
using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>Renames a model or changes its description (PATCH /models/{model_id}); the model itself is not retrained.</summary>
    [Cmdlet(VerbsCommon.Set, "WwModel", SupportsShouldProcess = true)]
    [OutputType(typeof(WwModel))]
    public sealed class SetWwModelCommand : WwCmdlet
    {

        /// <summary>The model's id. Binds ModelId and model_id properties.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelId", "model_id")]
        [Id("model")]
        public Guid Id { get; set; }

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
                CommandEnd.With(this, ErrorRecords.InvalidArgument("Give -Name, -Description or both: there is nothing else to change.", Id.ToString()));
                return;
            }
            var change = Name is null ? string.Empty : $"rename to '{Name}'";
            if (setDescription)
                change += (change.Length > 0 ? ", " : string.Empty) + (string.IsNullOrEmpty(Description) ? "clear the description" : $"set the description to '{Description}'");
            if (!ShouldProcess($"model {Id}", char.ToUpperInvariant(change[0]) + change.Substring(1))) return;
            try
            {
                var model = Await(Models.UpdateAsync(Id, Name, setDescription, string.IsNullOrEmpty(Description) ? null : Description, CancelToken));
                if (PassThru) WriteObject(model);
            }
            catch (WwApiException e)
            {
                WriteRequestError(e, Id.ToString(), $"Model {Id}");
            }
        }
    }
}
