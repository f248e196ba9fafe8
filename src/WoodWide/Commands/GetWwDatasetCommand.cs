using System;
using System.Collections.Generic;
using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// Gets Wood Wide datasets: one version (GET /datasets/{id}/versions/{version_id}, a typed DatasetVersion), one
    /// dataset (GET /datasets/{id}), or the list (GET /datasets). Binds the ids of New-WwDataset's output and of an
    /// ingest job's JobDetail, so <c>New-WwDataset ... | Wait-WwJob | Get-WwDataset</c> shows the version made.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WwDataset", DefaultParameterSetName = ListSet, HelpUri = HelpPages.Base + "Get-WwDataset.md")]
    [OutputType(typeof(Dataset), typeof(DatasetVersion))]
    public sealed class GetWwDatasetCommand : WwCmdlet
    {
        private const string IdSet = "Id";
        private const string ListSet = "List";

        /// <summary>Dataset ids. Bind by value (text, Guids) and from DatasetId and dataset_id properties.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("DatasetId", "dataset_id")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [ArgumentCompleter(typeof(DatasetIdCompleter))]
        [Id("dataset", Many = true)]
        public string?[] Id { get; set; } = Array.Empty<string>();

        /// <summary>One version of it. Binds DatasetVersionId and dataset_version_id properties.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("DatasetVersionId", "dataset_version_id")]
        [ArgumentCompleter(typeof(DatasetVersionIdCompleter))]
        [Id("dataset version")]
        public string? VersionId { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                WriteListing<Dataset>("The dataset list", Datasets.ListAsync);
                return;
            }
            var ids = Ids.Each(Id);
            // A version id belongs to one dataset: with several, all but one would be asked for a version they lack.
            if (VersionId != null && ids.Length > 1)
            {
                Report(ErrorRecords.InvalidArgument(
                    $"-VersionId names a version of one dataset, but -Id has {ids.Length} ids: give one -Id with -VersionId, or leave -VersionId out to get each dataset.",
                    Echo.Cut(string.Join(", ", ids))), null);
                return;
            }
            if (!TryId(VersionId, "dataset version", out var versionId)) return;
            foreach (var text in ids)
            {
                if (!TryId(text, "dataset", out var parsed, required: true) || parsed is not Guid id) continue;
                ForItem(id.ToString(), versionId is Guid v ? $"Dataset {id} version {v}" : $"Dataset {id}", () =>
                {
                    if (versionId is Guid version) WriteObject(Await(Datasets.GetVersionAsync(id, version, CancelToken)));
                    else WriteObject(Await(Datasets.GetAsync(id, CancelToken)));
                });
            }
        }

        protected override (string Noun, string NotDone) Items => ParameterSetName == IdSet ? ("dataset id", "fetched") : ("item", "fetched");
    }
}
