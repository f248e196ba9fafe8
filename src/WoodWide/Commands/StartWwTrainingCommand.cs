using System;
using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// Starts a training: a new model (POST /models/train) or a new version of one (POST /models/{model_id}/retrain),
    /// on a dataset's newest ready version or a pinned one. Binds the DatasetId and DatasetVersionId of a finished
    /// ingest job (or of New-WwDataset's output), so <c>New-WwDataset … | Wait-WwJob | Start-WwTraining …</c> needs no glue.
    /// </summary>
    // Retrain is the default set so that a piped model (which has a name and a model_type as well as its model_id)
    // binds as the model to retrain: PowerShell tries the default set first. A row with Name and ModelType and no
    // ModelId does not fit it, and binds as a new training.
    [Cmdlet(VerbsLifecycle.Start, "WwTraining", SupportsShouldProcess = true, DefaultParameterSetName = RetrainSet, HelpUri = HelpPages.Base + "Start-WwTraining.md")]
    [OutputType(typeof(ModelTraining))]
    public sealed class StartWwTrainingCommand : WwCmdlet
    {
        private const string TrainSet = "Train";
        private const string RetrainSet = "Retrain";

        /// <summary>The new model's name (unique in the account). Binds a Name property of a piped row.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TrainSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>What the model does. Binds ModelType and model_type properties.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TrainSet, ValueFromPipelineByPropertyName = true)]
        [Alias("model_type")]
        [ValidateSet("prediction", "anomaly", "embedding", "clustering", "factors", "search")]
        public string ModelType { get; set; } = string.Empty;

        /// <summary>Train a new version of this model instead; its type, label and inputs carry over.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RetrainSet, ValueFromPipelineByPropertyName = true)]
        [Alias("model_id")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [Id("model")]
        public string ModelId { get; set; } = string.Empty;

        /// <summary>The data: the dataset's newest ready version. Binds DatasetId and dataset_id properties.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("dataset_id")]
        [ArgumentCompleter(typeof(DatasetIdCompleter))]
        [Id("dataset")]
        public string? DatasetId { get; set; }

        /// <summary>The data, pinned to one version; wins over -DatasetId. Binds DatasetVersionId and dataset_version_id properties.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("dataset_version_id")]
        [ArgumentCompleter(typeof(DatasetVersionIdCompleter))]
        [Id("dataset version")]
        public string? DatasetVersionId { get; set; }

        /// <summary>The column a prediction model learns to predict (not for anomaly models). Binds LabelColumn and label_column properties; empty is none.</summary>
        [Parameter(ParameterSetName = TrainSet, ValueFromPipelineByPropertyName = true)]
        [Alias("label_column")]
        [AllowEmptyString]
        public string? LabelColumn { get; set; }

        /// <summary>The columns to learn from; all but the label when not given.</summary>
        [Parameter(ParameterSetName = TrainSet)]
        [ValidateNotNullOrEmpty]
        public string[]? InputColumn { get; set; }

        /// <summary>The model's description. Binds a Description property of a piped row; empty is none.</summary>
        [Parameter(ParameterSetName = TrainSet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Description { get; set; }

        /// <summary>
        /// What was piped in, when it is the module's own (a job, an upload, a training, a model): one that has not
        /// succeeded is refused before any request (WwInputNotReady). Any other object binds by property name only.
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        public ApiObject? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == TrainSet && InputObject != null && !TakeOnlyTheCommandLine()) return;
            Guid? modelId = null;
            if (ParameterSetName == RetrainSet && !TryId(ModelId, "model", out modelId, required: true)) return;
            // An empty cell of a piped row gives nothing: a file of rows may pin a version on some and not on others.
            if (!TryId(Given(DatasetId, nameof(DatasetId)), "dataset", out var datasetId)
                || !TryId(Given(DatasetVersionId, nameof(DatasetVersionId)), "dataset version", out var datasetVersionId)) return;
            var subject = ParameterSetName == TrainSet ? $"Training of model {Echo.Quoted(Name)}" : $"Retraining of model {modelId}";
            var target = ParameterSetName == TrainSet ? Name : modelId.ToString()!;
            if (Skip(target)) return;
            if (RefusePipedInput(InputObject, subject, target)) return;
            if (datasetVersionId is null && datasetId is null)
            {
                Report(ErrorRecords.InputIncomplete(
                    $"{subject}: give the data with -DatasetId or -DatasetVersionId, or pipe in the finished ingest job (New-WwDataset … | Wait-WwJob | Start-WwTraining …).",
                    target), target);
                return;
            }
            var data = datasetVersionId is Guid version ? $"dataset version {version}" : $"the newest ready version of dataset {datasetId}";
            var action = ParameterSetName == TrainSet
                ? $"Train a new {ModelType} model on {data}" + (string.IsNullOrEmpty(LabelColumn) ? string.Empty : $", predicting {Echo.Quoted(LabelColumn)}")
                : $"Train a new version on {data}";
            if (!ShouldProcess(target, action)) return;
            var training = new TrainingRequest
            {
                ModelId = modelId,
                Name = ParameterSetName == TrainSet ? Name : null,
                ModelType = ParameterSetName == TrainSet ? ModelType : null,
                Description = string.IsNullOrEmpty(Description) ? null : Description,
                DatasetVersionId = datasetVersionId,
                DatasetId = datasetVersionId is null ? datasetId : null,
                LabelColumn = string.IsNullOrEmpty(LabelColumn) ? null : LabelColumn,
                InputColumns = InputColumn,
            };
            try
            {
                var started = Await(Models.TrainAsync(training, CancelToken));
                // A retrain names no model: the piped model's name, when one was piped, says which it is.
                started.Name = training.Name ?? (InputObject as WwModel)?.Name;
                WriteObject(started);
            }
            catch (WwApiException e) when (ErrorCatalog.IdOf(e) == ErrorIds.ModelExists && training.Name != null && !e.MayHaveActed)
            {
                Report(ErrorRecords.ForRequest(e, target, subject, advice: TakenNameAdvice(training)), target);
            }
            catch (WwApiException e) when (ErrorCatalog.IdOf(e) == ErrorIds.DatasetNotFound)
            {
                // The dataset is what is not there: it is the target, and the text names it.
                var missing = (datasetVersionId ?? datasetId).ToString()!;
                Report(ErrorRecords.ForRequest(e, missing, $"{subject} on {data}"), target);
            }
            catch (WwApiException e)
            {
                ReportCreate(e, target, subject, "Get-WwJob -Type train -First 5");
            }
        }

        /// <summary>
        /// With one of the module's own objects piped in (a model, a dataset, a job), a new model's name, type, label and
        /// description are the command line's only: a piped model's are the model it is (piped without -Name it is
        /// retrained), a dataset's name is not a model's. False, with the object's error written, when the command line
        /// lacks -Name or -ModelType.
        /// </summary>
        private bool TakeOnlyTheCommandLine()
        {
            if (!OnCommandLine(nameof(LabelColumn))) LabelColumn = null;
            if (!OnCommandLine(nameof(Description))) Description = null;
            if (OnCommandLine(nameof(Name)) && OnCommandLine(nameof(ModelType))) return true;
            Report(ErrorRecords.InputIncomplete(
                "A new model's -Name and -ModelType come from the command line, not from a model, dataset or job piped in: give both, " +
                "or pipe a model in without -Name to train a new version of it.", InputObject), InputObject);
            return false;
        }

        /// <summary>
        /// For a model name that is taken: the model that holds it, looked up by name, and the exact command that trains a
        /// new version of it on the same data; the catalogue's words if the lookup finds none or fails.
        /// </summary>
        private string? TakenNameAdvice(TrainingRequest training)
        {
            var holder = FindListed<WwModel>(Models.ListAsync, m => string.Equals(m.Name, training.Name, StringComparison.Ordinal));
            var data = training.DatasetVersionId is Guid version ? $"-DatasetVersionId {version}" : $"-DatasetId {training.DatasetId}";
            return holder is null
                ? null
                : $"The name is model {holder.ModelId}'s: give another -Name, or train a new version of it: Start-WwTraining -ModelId {holder.ModelId} {data}";
        }

        protected override (string Noun, string NotDone) Items => ("training", "started");
    }
}
