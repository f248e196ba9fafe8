using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Client.Results;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// Runs a model on a file and waits for the answer (POST /models/{model_id}/infer, up to 30 MB): one object per
    /// predicted row, the columns in the API's order with numbers as numbers; or, with -OutFile, the file the API
    /// returns (csv, parquet), streamed to disk. What the API said besides the rows (job id, model, latency) is in
    /// -Verbose and on every row as <c>$row.Inference</c>.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WwInference", SupportsShouldProcess = true, DefaultParameterSetName = PathSet, HelpUri = HelpPages.Base + "Invoke-WwInference.md")]
    [OutputType(typeof(ResultRow), typeof(System.IO.FileInfo))]
    public sealed class InvokeWwInferenceCommand : WwResultCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>The model to run. Binds ModelId and model_id properties (a finished train job, Get-WwModel's output).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("model_id")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        [Id("model")]
        public string ModelId { get; set; } = string.Empty;

        /// <summary>Files of rows (CSV) to run it on, each answered in turn; wildcards are expanded. Binds text, and files from Get-ChildItem.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [LocalPath]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files of rows to run it on, taken as written (no wildcards). Binds PSPath properties.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>A version of the model; its newest ready one when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("model_version_id")]
        [ArgumentCompleter(typeof(ModelVersionIdCompleter))]
        [Id("model version")]
        public string? ModelVersionId { get; set; }

        /// <summary>The form the API answers in: json without -OutFile; with -OutFile, the file's extension decides (csv unless .json or .parquet).</summary>
        [Parameter]
        [ValidateSet("json", "csv", "parquet")]
        public string? OutputType { get; set; }

        /// <summary>For anomaly models: ids_only (the anomalous rows' ids, the API's default) or per_row (a score for every row).</summary>
        [Parameter]
        [ValidateSet("ids_only", "per_row")]
        public string? AnomalyFormat { get; set; }

        /// <summary>Save the API's answer to this file instead of writing rows.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>With -OutFile: refuse to replace a file that is there (as Out-File -NoClobber does); without it, the file is replaced.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>
        /// What was piped in, when it is the module's own (a job, an upload, a training, a model): one that has not
        /// succeeded is refused before any request (WwInputNotReady). Any other object binds by property name only.
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        public ApiObject? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryId(ModelId, "model", out var model, required: true) || model is not Guid modelId) return;
            if (!TryId(Given(ModelVersionId, nameof(ModelVersionId)), "model version", out var modelVersionId)) return;
            var files = InputFile.Expand(this, Path, LiteralPath);
            if (InputFile.RefuseSeveral(this, files, OutFile != null,
                "-OutFile names one file, but the paths given name {0} files to score: score them one at a time, each with its own -OutFile, or leave -OutFile out for rows."))
                return;
            foreach (var file in files) Score(file, modelId, modelVersionId);
        }

        private void Score(string input, Guid modelId, Guid? modelVersionId)
        {
            if (Skip(input)) return;
            if (RefusePipedInput(InputObject, $"Inference of model {modelId}", input)) return;
            var file = InputFile.Resolve(this, input);
            if (file is null) return;
            if (InputFile.TooLargeToSend(this, file, modelId)) return;
            var path = OutFile is null ? null : InputFile.Output(this, OutFile, NoClobber);
            if (OutFile != null && path is null) return;
            var output = OutputType ?? (path is null ? "json" : FromExtension(path));
            if (path is null && output == "parquet")
            {
                Report(ErrorRecords.Make(ErrorIds.ResultNeedsOutFile, new InvalidOperationException(
                    "Parquet results are a file, which has no rows to write to the pipeline."),
                    file.Path, advice: "Add -OutFile predictions.parquet to save the file, or leave -OutputType out for rows."), file.Path);
                return;
            }
            if (!ShouldProcess(file.Path, $"Run model {modelId}{(modelVersionId is Guid v ? $" (version {v})" : string.Empty)} on {ViewText.Size(file.Length)}, answer as {output}"))
                return;
            var request = new InferenceRequest
            {
                ModelId = modelId, ModelVersionId = modelVersionId, OutputType = output, AnomalyFormat = AnomalyFormat, File = file,
            };
            var subject = $"Inference of model {modelId} on {file.Name}";
            try
            {
                using var body = Await(Inference.InferAsync(request, CancelToken));
                if (path != null) Save(body, path);
                else WriteAnswer(body, file.Path, subject);
            }
            catch (WwApiException e)
            {
                ReportCreate(e, file.Path, subject, "Get-WwJob -Type infer_sync -First 5");
            }
            catch (JsonException e)
            {
                Report(NotResults(e, $"The answer of the inference on {file.Name}"), file.Path, null);
            }
            catch (OperationCanceledException) when (WasHalted)
            {
                NotDone(file.Path);
            }
        }

        protected override (string Noun, string NotDone) Items => ("file", "scored");

        /// <summary>
        /// The rows of the answer, each reaching what the API said besides them. A synchronous answer is at most as
        /// large as its 30-MB input, and its fields may follow its rows, so it is read whole before rows are written.
        /// </summary>
        private void WriteAnswer(OpenResponse body, string target, string subject)
        {
            var reader = ResultReader.Start(body);
            if (reader.Format == ResultFormat.Binary)
            {
                // The reader has the body's head already: a second Start would read past it and guess again.
                WriteNeedsOutFile(reader, target, subject);
                return;
            }
            // Every row reaches the file it answers, and what the API said besides the rows.
            var info = new InferenceInfo { Path = target };
            var columns = new ResultColumns { Inference = info };
            var rows = reader.Rows(columns).ToList();
            if (reader.Fields is { Count: > 0 } fields)
            {
                info.Adopt(fields);
                columns.JobId = info.JobId;
                WriteVerbose(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "Inference job {0}: model {1} ({2}, version {3}), {4} row(s) in {5:0.#} ms.",
                    info.JobId, fields["model_name"] ?? ModelId.ToString(), fields["model_type"], info.ModelVersionId, rows.Count, info.LatencyMs));
            }
            if (rows.Count == 0) WriteWarning($"The model answered with no rows for {System.IO.Path.GetFileName(target)}: does the file have rows under its header?");
            foreach (var row in rows) WriteObject(row);
        }

        private static string FromExtension(string path) =>
            System.IO.Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".parquet" => "parquet",
                ".json" => "json",
                _ => "csv",
            };
    }
}
