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

        private DatasetsClient? _datasets;

        /// <summary>The dataset's id. Binds DatasetId and dataset_id properties.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("DatasetId", "dataset_id")]
        [Id("dataset")]
        public Guid Id { get; set; }

        /// <summary>One version of it. Binds DatasetVersionId and dataset_version_id properties.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("DatasetVersionId", "dataset_version_id")]
        [Id("dataset version")]
        public Guid? VersionId { get; set; }

        private DatasetsClient Datasets => _datasets ??= new DatasetsClient(Transport);

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                List();
                return;
            }
            try
            {
                if (VersionId is Guid version) WriteObject(Await(Datasets.GetVersionAsync(Id, version, CancelToken)));
                else WriteObject(Await(Datasets.GetAsync(Id, CancelToken)));
            }
            catch (WwApiException e) when (FailureRules.IsServerWide(e))
            {
                ThrowRequestError(e, $"Dataset {Id}");
            }
            catch (WwApiException e)
            {
                WriteRequestError(e, Id.ToString(), VersionId is Guid v ? $"Dataset {Id} version {v}" : $"Dataset {Id}");
            }
        }

        private void List()
        {
            var pagesSeen = new HashSet<string>(StringComparer.Ordinal);
            Page<Dataset>? page = null;
            try
            {
                do
                {
                    page = Await(Datasets.ListAsync(page, CancelToken));
                    foreach (var dataset in page.Items) WriteObject(dataset);
                }
                while (page.HasNext && pagesSeen.Add(page.NextKey!));
            }
            catch (WwApiException e)
            {
                ThrowRequestError(e);
            }
        }
    }
}
