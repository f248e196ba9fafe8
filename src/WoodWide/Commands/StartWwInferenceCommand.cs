using System;
using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// Starts an inference job: on a file (POST /models/{model_id}/infer-async) or on a stored dataset
    /// (POST /models/{model_id}/infer-batch). Its output pipes into Wait-WwJob and Get-WwJobResult by its job id.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "WwInference", SupportsShouldProcess = true, DefaultParameterSetName = FileSet, HelpUri = HelpPages.Base + "Start-WwInference.md")]
    [OutputType(typeof(InferenceStart))]
    public sealed class StartWwInferenceCommand : WwCmdlet
    {
        private const string FileSet = "File";
        private const string LiteralFileSet = "LiteralFile";
        private const string DatasetSet = "Dataset";

        /// <summary>The model to run. Binds ModelId and model_id properties (a finished train job, Get-WwModel's output).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("model_id")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [Id("model")]
        public string ModelId { get; set; } = string.Empty;

        /// <summary>Files of rows (CSV) to run it on, each its own job; wildcards are expanded. Binds text, and files from Get-ChildItem.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [LocalPath]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files of rows to run it on, taken as written (no wildcards). Binds PSPath properties.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralFileSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>A stored dataset to run it on (its newest ready version). Binds DatasetId and dataset_id properties.</summary>
        [Parameter(ParameterSetName = DatasetSet, ValueFromPipelineByPropertyName = true)]
        [Alias("dataset_id")]
        [ArgumentCompleter(typeof(DatasetIdCompleter))]
        [Id("dataset")]
        public string? DatasetId { get; set; }

        /// <summary>One version of a stored dataset; wins over -DatasetId. Binds DatasetVersionId and dataset_version_id properties.</summary>
        [Parameter(ParameterSetName = DatasetSet, ValueFromPipelineByPropertyName = true)]
        [Alias("dataset_version_id")]
        [ArgumentCompleter(typeof(DatasetVersionIdCompleter))]
        [Id("dataset version")]
        public string? DatasetVersionId { get; set; }

        /// <summary>A version of the model; its newest ready one when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("model_version_id")]
        [ArgumentCompleter(typeof(ModelVersionIdCompleter))]
        [Id("model version")]
        public string? ModelVersionId { get; set; }

        /// <summary>
        /// The form of the results: csv (the default here: Get-WwJobResult streams it as rows), json, or parquet (a file,
        /// for Get-WwJobResult -OutFile). The API's own default for a dataset is parquet.
        /// </summary>
        [Parameter]
        [ValidateSet("json", "csv", "parquet")]
        public string OutputType { get; set; } = "csv";

        /// <summary>For anomaly models: ids_only (the anomalous rows' ids, the API's default) or per_row (a score for every row).</summary>
        [Parameter]
        [ValidateSet("ids_only", "per_row")]
        public string? AnomalyFormat { get; set; }

        /// <summary>
        /// What was piped in, when it is the module's own (a job, an upload, a training, a model): one that has not
        /// succeeded is refused before any request (WwInputNotReady). Any other object binds by property name only.
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        public ApiObject? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryId(ModelId, "model", out var model, required: true) || model is not Guid modelId) return;
            // An empty cell of a piped row gives nothing: a file of rows may give a version on some and not on others.
            if (!TryId(Given(ModelVersionId, nameof(ModelVersionId)), "model version", out var modelVersionId)) return;
            if (!TryId(Given(DatasetId, nameof(DatasetId)), "dataset", out var datasetId)
                || !TryId(Given(DatasetVersionId, nameof(DatasetVersionId)), "dataset version", out var datasetVersionId)) return;
            if (ParameterSetName == DatasetSet) Start(null, modelId, modelVersionId, datasetId, datasetVersionId);
            else foreach (var path in InputFile.Expand(this, Path, LiteralPath)) Start(path, modelId, modelVersionId, null, null);
        }

        private void Start(string? path, Guid modelId, Guid? modelVersionId, Guid? datasetId, Guid? datasetVersionId)
        {
            var item = path ?? (datasetVersionId ?? datasetId)?.ToString() ?? modelId.ToString();
            if (Skip(item)) return;
            if (RefusePipedInput(InputObject, $"Inference of model {modelId}", item))
                return;
            var request = new InferenceRequest
            {
                ModelId = modelId, ModelVersionId = modelVersionId, OutputType = OutputType, AnomalyFormat = AnomalyFormat,
            };
            string input, target;
            if (path != null)
            {
                request.File = InputFile.Resolve(this, path);
                if (request.File is null || InputFile.TooLargeToSend(this, request.File, modelId)) return;
                input = target = request.File.Path;
            }
            else if (datasetVersionId is Guid version)
            {
                request.DatasetVersionId = version;
                input = target = version.ToString();
            }
            else if (datasetId is Guid dataset)
            {
                request.DatasetId = dataset;
                input = target = dataset.ToString();
            }
            else
            {
                Report(ErrorRecords.InputIncomplete(
                    "Give what to run the model on: -Path (a file), -DatasetId or -DatasetVersionId (a stored dataset).", modelId.ToString()), item);
                return;
            }
            var what = request.File != null ? $"{request.File.Name} ({ViewText.Size(request.File.Length)})"
                : request.DatasetVersionId != null ? $"dataset version {input}" : $"the newest ready version of dataset {input}";
            if (!ShouldProcess(target, $"Start an inference job: model {modelId} on {what}, results as {OutputType}")) return;
            try
            {
                var started = Await(Inference.StartAsync(request, CancelToken));
                started.Input = input;
                WriteObject(started);
            }
            catch (WwApiException e)
            {
                ReportCreate(e, target, $"Inference of model {modelId} on {what}", "Get-WwJob -Type infer_batch -First 5");
            }
        }

        protected override (string Noun, string NotDone) Items => ("inference", "started");
    }
}
