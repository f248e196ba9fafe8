using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;
using WoodWide.Waiting;

namespace WoodWide.Commands
{
    /// <summary>
    /// Uploads files as new datasets, or as new versions of one, each starting a dataset_ingest job. Files up to 30 MB
    /// go straight to POST /datasets; larger ones (or any, with -UseSignedUrl) by signed URL. Streamed from disk: memory
    /// does not grow with the file.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "WwDataset", SupportsShouldProcess = true, DefaultParameterSetName = PathSet, HelpUri = HelpPages.Base + "New-WwDataset.md")]
    [OutputType(typeof(DatasetUpload))]
    public sealed class NewWwDatasetCommand : WwCmdlet
    {
        // -DatasetId (a new version) or not (a new dataset) is not a parameter set: PowerShell, binding a piped row,
        // tries the default set first, and a row with Path and DatasetId columns would make a new dataset.
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private long _sent;

        /// <summary>The files to upload, each its own dataset (or version); wildcards are expanded. Binds text, and files from Get-ChildItem.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [LocalPath]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The files to upload, taken as written (no wildcards). Binds PSPath properties.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>
        /// The new dataset's name; the file's base name when not given. Not with -DatasetId. Binds a Name (or
        /// dataset_name) column of a piped row, but not a file's own Name (Get-ChildItem's x.csv), nor the name of the
        /// dataset a piped object adds a version to.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("dataset_name")]
        [AllowEmptyString]
        public string? Name { get; set; }

        /// <summary>Add the file as a new version of this dataset instead.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("dataset_id")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DatasetIdCompleter))]
        [Id("dataset")]
        public string? DatasetId { get; set; }

        /// <summary>The dataset's description. Binds a Description column of a piped row.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>With -DatasetId: replace the data of the current version instead of adding a version.</summary>
        [Parameter]
        public SwitchParameter Override { get; set; }

        /// <summary>Upload by signed URL whatever the size (for proxies that limit the size of a request).</summary>
        [Parameter]
        public SwitchParameter UseSignedUrl { get; set; }

        protected override (string Noun, string NotDone) Items => ("file", "uploaded");

        private bool IsVersion => DatasetId != null;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (OnCommandLine(nameof(Name)) && string.IsNullOrEmpty(Name))
                Report(ErrorRecords.InvalidArgument("-Name is empty: give the dataset a name, or leave -Name out to name it after its file.", Name), null);
        }

        protected override void ProcessRecord()
        {
            DatasetId = Given(DatasetId, nameof(DatasetId));
            if (!TryId(DatasetId, "dataset", out var datasetId)) return;
            // A Name that came with the piped object is a dataset name only when it is a row's: a file's own Name
            // (x.csv) leaves the dataset named after the file, and a dataset's (adding a version to it) is not a new one.
            Name = Given(Name, nameof(Name));
            if (!OnCommandLine(nameof(Name)) && Name != null && (IsVersion || IsOwnFileName(Name))) Name = null;
            if (IsVersion && Name != null || !IsVersion && Override)
            {
                Report(ErrorRecords.InvalidArgument(IsVersion
                    ? "-Name names a new dataset, and -DatasetId adds a version to one that exists: give one of them."
                    : "-Override replaces the data of a dataset's current version: give the dataset with -DatasetId.", Echo.Cut(DatasetId ?? Name ?? string.Empty)), null);
                return;
            }
            var files = InputFile.Expand(this, Path, LiteralPath);
            if (InputFile.RefuseSeveral(this, files, Name != null,
                "-Name names one dataset, but the paths given name {0} files: leave -Name out to name each dataset after its file, or upload them one at a time."))
                return;
            foreach (var path in files) Upload(path, datasetId);
        }

        private bool IsOwnFileName(string name)
        {
            foreach (var path in Path.Length > 0 ? Path : LiteralPath)
            {
                // A file bound to -Path comes with its wildcards escaped (gam`[ma`].csv): its Name is the name unescaped.
                var file = System.IO.Path.GetFileName(path);
                if (string.Equals(file, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(WildcardPattern.Unescape(file), name, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        private void Upload(string path, Guid? datasetId)
        {
            if (Skip(path)) return;
            var file = InputFile.Resolve(this, path);
            if (file is null) return;
            var target = new DatasetTarget
            {
                Name = IsVersion ? null : Name ?? System.IO.Path.GetFileNameWithoutExtension(file.Name),
                DatasetId = datasetId,
                Description = Description,
                Override = Override,
            };
            var signed = UseSignedUrl || file.Length > DatasetsClient.MaxDirectBytes;
            var into = target.DatasetId is Guid id
                ? (target.Override ? $"the data of dataset {id}'s current version" : $"a new version of dataset {id}")
                : $"new dataset {Echo.Quoted(target.Name)}";
            if (!ShouldProcess(file.Path, $"Upload {ViewText.Size(file.Length)} as {into}{(signed ? ", by signed URL" : string.Empty)}")) return;
            try
            {
                var upload = signed ? UploadBySignedUrl(file, target) : UploadDirect(file, target);
                if (upload is null) return;
                upload.Path = file.Path;
                upload.Bytes = file.Length;
                WriteObject(upload);
            }
            catch (WwApiException e)
            {
                WriteUploadError(e, file, target);
            }
            catch (OperationCanceledException) when (WasHalted)
            {
                NotDone(file.Path);
            }
        }

        private DatasetUpload UploadDirect(LocalFile file, DatasetTarget target)
        {
            var request = Datasets.CreateAsync(file, target, Sent, CancelToken);
            return AwaitTransfer(request, file);
        }

        /// <summary>The signed-URL flow; null (with its error written) when it failed after the dataset version was made.</summary>
        private DatasetUpload? UploadBySignedUrl(LocalFile file, DatasetTarget target)
        {
            // One key for every try of this call: the server tells the copies apart, so the request is retried like a GET.
            var prepared = Await(Datasets.PrepareUploadAsync(file, target, Guid.NewGuid().ToString("N"), CancelToken));
            if (prepared.Upload?.Url is null || prepared.DatasetVersionId is not Guid version)
                throw new WwApiException(WwErrorKind.InvalidResponse,
                    "The API's answer to POST /datasets/upload has no upload URL or dataset version.", resource: ApiResource.Dataset);
            DatasetUpload completed;
            try
            {
                AwaitTransfer(Datasets.PutAsync(prepared.Upload, file, Sent, CancelToken), file);
                // Only once the bytes are in: the server would refuse to ingest a file it does not have.
                completed = Await(Datasets.CompleteAsync(version, CancelToken));
            }
            catch (WwApiException e) when (prepared.DatasetId is Guid)
            {
                WriteStrandedError(e, file, prepared);
                return null;
            }
            if (completed.JobId == Guid.Empty) completed.JobId = prepared.JobId;
            completed.Dataset ??= prepared.Dataset;
            completed.Status ??= prepared.Status;
            return completed;
        }

        private void Sent(long bytes) => Interlocked.Exchange(ref _sent, bytes);

        /// <summary>Waits for a transfer on the pipeline thread, drawing its bar from the bytes it reports; completes the bar on every way out.</summary>
        private T AwaitTransfer<T>(Task<T> transfer, LocalFile file)
        {
            Interlocked.Exchange(ref _sent, 0);
            var bar = new TransferBar(0x5758, $"Uploading {file.Name}", file.Length, TimeProvider.System);
            try
            {
                while (!((IAsyncResult)transfer).AsyncWaitHandle.WaitOne(100))
                {
                    WriteTraces();
                    if (bar.Update(Interlocked.Read(ref _sent)) is ProgressRecord record) WriteBar(record);
                }
                return Await(transfer);
            }
            finally
            {
                if (bar.Completion() is ProgressRecord done) CompleteBar(done);
            }
        }

        private void WriteUploadError(WwApiException e, LocalFile file, DatasetTarget target)
        {
            if (e.MayHaveActed)
            {
                // What the API may have made is found by name for a new dataset; a new version has only its ingest job
                // to show for it, in whatever state that job has reached by now.
                var look = target.DatasetId is null
                    ? $"Look for the dataset it may have made before trying again: Get-WwDataset | Where-Object name -eq {Quote(target.Name ?? file.Name)}"
                    : "Look for the ingest job it may have started before trying again: Get-WwJob -Type dataset_ingest -First 5";
                WriteUploadRecord(e, file, "The API may have received the upload before the failure, so it was not sent again.", look);
                return;
            }
            if (ErrorCatalog.IdOf(e) == ErrorIds.DatasetExists && target.Name != null)
            {
                Report(ErrorRecords.ForRequest(e, file.Path, $"Upload of {file.Name}", advice: TakenNameAdvice(file, target.Name)), file.Path);
                return;
            }
            Report(e, file.Path, $"Upload of {file.Name}");
        }

        /// <summary>
        /// For a name that is taken: the dataset that holds it, looked up by name (the listing, page by page), and the
        /// exact commands to add the file as its next version or to give another name. The catalogue's words if the
        /// lookup finds none or fails: the error is about the upload, not about the lookup.
        /// </summary>
        private string? TakenNameAdvice(LocalFile file, string name) =>
            FindListed<Dataset>(Datasets.ListAsync, d => string.Equals(d.Name, name, StringComparison.Ordinal))?.DatasetId is Guid found
                ? $"The name is dataset {found}'s: give another -Name, or add this file as its next version: New-WwDataset -LiteralPath {Quote(file.Path)} -DatasetId {found}"
                : null;

        /// <summary>
        /// The file did not reach a dataset version the API has already made (the PUT or /complete failed): its ingest
        /// job waits for the upload, and the dataset exists, so the same command would now find the name taken. Says
        /// what was made and the command that sends the file into that version.
        /// </summary>
        private void WriteStrandedError(WwApiException e, LocalFile file, DatasetUpload prepared)
        {
            var version = prepared.VersionNumber is long n
                ? string.Format(CultureInfo.InvariantCulture, "{0} ({1})", n, prepared.DatasetVersionId)
                : prepared.DatasetVersionId.ToString();
            var waits = $"it has no data yet: ingest job {prepared.JobId} waits for the upload.";
            var said = e.MayHaveActed
                ? $"Dataset {prepared.DatasetId} version {version} was made; unless the API received the completion before the failure, {waits}"
                : $"Dataset {prepared.DatasetId} version {version} was made, but {waits}";
            var again = $"New-WwDataset -Path {Quote(file.Path)} -DatasetId {prepared.DatasetId} -Override{(UseSignedUrl ? " -UseSignedUrl" : string.Empty)}";
            var advice = e.MayHaveActed
                ? $"See whether the job has the file (Get-WwJob -Id {prepared.JobId}); if it still waits for the upload, send the file into that version: {again}"
                : $"Send the file into that version: {again}";
            WriteUploadRecord(e, file, said, advice);
        }

        /// <summary>A failed upload's record with a sentence added to the request's own text, and its own advice.</summary>
        private void WriteUploadRecord(WwApiException e, LocalFile file, string added, string advice)
        {
            Report(ErrorRecords.ForRequest(e, file.Path, $"Upload of {file.Name}", added, advice), file.Path);
        }

        /// <summary>A PowerShell single-quoted string, so the advice can be pasted as it is.</summary>
        private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
    }
}
