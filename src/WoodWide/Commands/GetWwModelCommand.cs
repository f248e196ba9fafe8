using System;
using System.Collections.Generic;
using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// Gets Wood Wide models: by id (GET /models/{model_id}, the documented Model with its status, current version and
    /// metrics), or all of them (GET /models). Binds ModelId properties, so a finished train job pipes in.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WwModel", DefaultParameterSetName = ListSet, HelpUri = HelpPages.Base + "Get-WwModel.md")]
    [OutputType(typeof(WwModel))]
    public sealed class GetWwModelCommand : WwCmdlet
    {
        private const string IdSet = "Id";
        private const string ListSet = "List";

        /// <summary>The model's id; more than one may be given. Binds ModelId and model_id properties.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("ModelId", "model_id")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [Id("model", Many = true)]
        public string?[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                WriteListing<WwModel>("The model list", Models.ListAsync);
                return;
            }
            foreach (var text in Ids.Each(Id))
                if (TryId(text, "model", out var parsed, required: true) && parsed is Guid id)
                    ForItem(id.ToString(), $"Model {id}", () => WriteObject(Await(Models.GetAsync(id, CancelToken))));
        }

        protected override (string Noun, string NotDone) Items => ParameterSetName == IdSet ? ("model id", "fetched") : ("item", "fetched");
    }
}
