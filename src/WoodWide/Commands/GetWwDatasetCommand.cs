using System;
using System.Collections.Generic;
using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// Gets Wood Wide datasets: one version (GET /datasets/{id}/versions/{version_id}, a typed DatasetVersion), one
    /// dataset (GET /datasets/{id}), or the list (GET /datasets). Binds the ids of New-WwDataset's output and of an
    /// ingest job's JobDetail, so <c>New-WwDataset ... | Wait-WwJob | Get-WwDataset</c> shows the version made.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WwDataset", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(Dataset), typeof(DatasetVersion))]
    public sealed class GetWwDatasetCommand : WwCmdlet
    {
        private const string IdSet = "Id";
        private const string ListSet = "List";

        /// <summary>Dataset ids. Bind by value (text, Guids) and from DatasetId and dataset_id properties.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("DatasetId", "dataset_id")]
        [Id("dataset", Many = true)]
        public Guid[] Id { get; set; } = Array.Empty<Guid>();

        /// <summary>One version of it. Binds DatasetVersionId and dataset_version_id properties.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("DatasetVersionId", "dataset_version_id")]
        [Id("dataset version")]
        public Guid? VersionId { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                WriteListing<Dataset>("The dataset list", Datasets.ListAsync);
                return;
            }
            // A version id belongs to one dataset: with several, all but one would be asked for a version they lack.
            if (VersionId is Guid && Id.Length > 1)
            {
                Report(ErrorRecords.InvalidArgument(
                    $"-VersionId names a version of one dataset, but -Id has {Id.Length} ids: give one -Id with -VersionId, or leave -VersionId out to get each dataset.",
                    string.Join(", ", Id)), null);
                return;
            }
            foreach (var id in Id)
                ForItem(id.ToString(), VersionId is Guid v ? $"Dataset {id} version {v}" : $"Dataset {id}", () =>
                {
                    if (VersionId is Guid version) WriteObject(Await(Datasets.GetVersionAsync(id, version, CancelToken)));
                    else WriteObject(Await(Datasets.GetAsync(id, CancelToken)));
                });
        }

        protected override (string Noun, string NotDone) Items => ParameterSetName == IdSet ? ("dataset id", "fetched") : ("item", "fetched");
    }
}
