using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text.Json;
using WoodWide.Client;
using WoodWide.Client.Results;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// The base of the cmdlets that hand out results (Get-WwJobResult, Invoke-WwInference): rows written to the pipeline
    /// as they are read, or the file saved with -OutFile; one artifact pointer followed, without the API key.
    /// </summary>
    public abstract class WwResultCmdlet : WwCmdlet
    {
        /// <summary>
        /// Writes the rows of a body of results, following the artifact it points at if it holds none. Null when a
        /// binary body (parquet) cannot be rows (its error written); else the rows' count.
        /// </summary>
        private protected long? WriteRows(OpenResponse body, ResultColumns columns, object target, string subject)
        {
            var reader = ResultReader.Start(body);
            if (reader.Format == ResultFormat.Binary)
            {
                WriteNeedsOutFile(reader, target, subject);
                return null;
            }
            var written = Write(reader.Rows(columns));
            if (reader.Artifact is not Uri url) return written;
            using var artifact = Await(Inference.OpenArtifactAsync(url, CancelToken));
            var inner = ResultReader.Start(artifact);
            if (inner.Format == ResultFormat.Binary)
            {
                WriteNeedsOutFile(inner, target, subject);
                return null;
            }
            return Write(inner.Rows(columns));
        }

        /// <summary>Writes rows as they are read; Ctrl+C stops the read where it is.</summary>
        private protected long Write(IEnumerable<ResultRow> rows)
        {
            long count = 0;
            try
            {
                foreach (var row in rows)
                {
                    WriteObject(row);
                    count++;
                }
            }
            catch (OperationCanceledException) when (StopRequested)
            {
                throw new PipelineStoppedException();
            }
            return count;
        }

        /// <summary>
        /// Saves a body of results to <paramref name="path"/> as it comes (the artifact it points at, for a JSON pointer)
        /// and writes the file's FileInfo; a file cut short by a failure is removed.
        /// </summary>
        private protected void Save(OpenResponse body, string path)
        {
            var reader = ResultReader.Start(body);
            if (reader.Format == ResultFormat.Json)
            {
                // A small JSON answer may only point at the file: look before writing it.
                using var whole = new MemoryStream();
                Await(reader.SaveAsync(whole));
                var json = new ArraySegment<byte>(whole.GetBuffer(), 0, (int)whole.Length);
                if (ResultReader.PointerIn(json) is Uri url)
                {
                    using var artifact = Await(Inference.OpenArtifactAsync(url, CancelToken));
                    SaveTo(path, to => Await(ResultReader.Start(artifact).SaveAsync(to)));
                }
                else SaveTo(path, to => to.Write(json.Array!, json.Offset, json.Count));
            }
            else SaveTo(path, to => Await(reader.SaveAsync(to)));
            // As Get-Item gives it: with the provider's properties, so it shows as any file does.
            WriteObject(SessionState.InvokeProvider.Item.Get(new[] { path }, true, true), enumerateCollection: true);
        }

        private void SaveTo(string path, Action<Stream> write)
        {
            var done = false;
            try
            {
                using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true)) write(file);
                done = true;
            }
            finally
            {
                if (!done) File.Delete(path);
            }
        }

        /// <summary>A JSON answer that is not results as any known form has them.</summary>
        private protected static WwApiException NotResults(JsonException e, string subject) =>
            new WwApiException(WwErrorKind.InvalidResponse, $"{subject} are not JSON results in any form WoodWide knows: {e.Message}",
                inner: e, resource: ApiResource.Result);

        private protected void WriteNeedsOutFile(ResultReader reader, object target, string subject)
        {
            var format = reader.FormatName;
            Report(ErrorRecords.Make(ErrorIds.ResultNeedsOutFile, new InvalidOperationException(
                $"{subject} are a {format} file, which has no rows to write to the pipeline. Save it with -OutFile (e.g. -OutFile results.{(format.Length <= 8 ? format : "bin")})."),
                target), target);
        }
    }
}
