using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WoodWide.Client;

namespace WoodWide.Commands
{
    /// <summary>
    /// The bad-input rules of every cmdlet that sends a file: a path on this machine's file system, taken literally,
    /// that is a file (not a folder), has data, and can be read; checked just before that file is sent.
    /// </summary>
    internal static class InputFile
    {
        /// <summary>
        /// The files that -Path (patterns, expanded as Get-Content expands them) and -LiteralPath (taken as written)
        /// name, in the order given; a pattern that matches nothing is its own error (per item), and the others go on.
        /// A literal path is returned as it is: <see cref="Resolve"/> says what is wrong with it, if anything.
        /// </summary>
        public static IReadOnlyList<string> Expand(WwCmdlet cmdlet, string[]? paths, string[]? literalPaths)
        {
            var files = new List<string>();
            if (literalPaths != null) files.AddRange(literalPaths);
            if (paths is null) return files;
            foreach (var pattern in paths)
            {
                // Not a pattern: the file it names (unescaped, as a FileInfo's escaped path), whose faults Resolve says.
                if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    files.Add(WildcardPattern.Unescape(pattern));
                    continue;
                }
                try
                {
                    var found = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out var provider);
                    if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                        Refuse(cmdlet, ErrorIds.InvalidFile, $"{Echo.Quoted(pattern)} is not a file on this machine's file system.", pattern);
                    else if (found.Count == 0)
                        Refuse(cmdlet, ErrorIds.FileNotFound, NoMatch(pattern), pattern);
                    else
                        files.AddRange(found);
                }
                catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException
                    || e is ProviderNotFoundException || e is NotSupportedException || e is ArgumentException || e is WildcardPatternException)
                {
                    Refuse(cmdlet, ErrorIds.FileNotFound, NoMatch(pattern), pattern);
                }
            }
            return files;
        }

        /// <summary>
        /// True, with the error written (about the call), when <paramref name="oneOnly"/> is given (an option that names
        /// one result: -Name, -OutFile) and the paths name several files; <paramref name="sentence"/> says so, {0} being
        /// how many.
        /// </summary>
        public static bool RefuseSeveral(WwCmdlet cmdlet, IReadOnlyList<string> files, bool oneOnly, string sentence)
        {
            if (!oneOnly || files.Count <= 1) return false;
            cmdlet.Report(ErrorRecords.InvalidArgument(string.Format(System.Globalization.CultureInfo.InvariantCulture, sentence, files.Count),
                Echo.Cut(string.Join(", ", files))), null);
            return true;
        }

        private static string NoMatch(string pattern) =>
            $"No file matches {Echo.Quoted(pattern)}. A name with [ or ] in it is a pattern to -Path: give it to -LiteralPath instead.";

        /// <summary>The file <paramref name="path"/> names; null, with its error written (per item), when it cannot be sent.</summary>
        public static LocalFile? Resolve(WwCmdlet cmdlet, string path)
        {
            string full;
            try
            {
                full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                    return Refuse(cmdlet, ErrorIds.InvalidFile, $"{Echo.Quoted(path)} is not a file on this machine's file system.", path);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException
                || e is NotSupportedException || e is ArgumentException)
            {
                return Refuse(cmdlet, ErrorIds.FileNotFound, $"Cannot find the file {Echo.Quoted(path)}: {Echo.Cut(e.Message, 500)}", path);
            }
            if (Directory.Exists(full))
                return Refuse(cmdlet, ErrorIds.InvalidFile, $"{Echo.Quoted(full)} is a folder. Pass a file, or pipe the folder's files: " +
                    $"Get-ChildItem '{Echo.Cut(full)}' -Filter *.csv | {cmdlet.MyInvocation.MyCommand.Name} ...", full);
            if (!File.Exists(full)) return Refuse(cmdlet, ErrorIds.FileNotFound, $"Cannot find the file {Echo.Quoted(full)}.", full);
            var file = new LocalFile(full);
            if (file.Length == 0) return Refuse(cmdlet, ErrorIds.InvalidFile, $"{Echo.Quoted(full)} is empty: there is nothing to upload.", full);
            try
            {
                using (File.OpenRead(full))
                {
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return Refuse(cmdlet, ErrorIds.InvalidFile, $"{Echo.Quoted(full)} cannot be read: {e.Message}", full);
            }
            return file;
        }

        /// <summary>
        /// True, with its error written, for a file larger than the API takes in one multipart request (30 MB, for
        /// /infer and /infer-async alike): such a file goes in as a dataset, which the API scores as a job.
        /// </summary>
        public static bool TooLargeToSend(WwCmdlet cmdlet, LocalFile file, Guid modelId)
        {
            if (file.Length <= DatasetsClient.MaxDirectBytes) return false;
            var name = Path.GetFileNameWithoutExtension(file.Name);
            cmdlet.Report(ErrorRecords.Make(ErrorIds.InvalidFile, new ArgumentException(
                $"{Echo.Quoted(file.Path)} is {ViewText.Size(file.Length)}, more than the 30 MB the API takes with a request."), file.Path,
                advice: $"Upload it as a dataset, then score the dataset as a job: New-WwDataset -Path '{file.Path}' -Name {name} | Wait-WwJob | " +
                    $"Start-WwInference -ModelId {modelId} | Wait-WwJob | Get-WwJobResult"), file.Path);
            return true;
        }

        /// <summary>Where -OutFile writes: the full path on the file system, its folder made sure of; null (error written) when it cannot be.</summary>
        public static string? Output(WwCmdlet cmdlet, string path, bool noClobber = false)
        {
            try
            {
                var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    Refuse(cmdlet, ErrorIds.InvalidFile, $"{Echo.Quoted(path)} is not on this machine's file system.", path);
                    return null;
                }
                if (Directory.Exists(full))
                {
                    Refuse(cmdlet, ErrorIds.InvalidFile, $"{Echo.Quoted(full)} is a folder: -OutFile takes the path of a file to write.", full);
                    return null;
                }
                var folder = Path.GetDirectoryName(full);
                if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                {
                    Refuse(cmdlet, ErrorIds.FileNotFound, $"The folder {Echo.Quoted(folder)} does not exist: -OutFile writes into a folder that does.", full,
                        $"Make the folder first (New-Item -ItemType Directory -Path {Echo.Quoted(folder)}), or give -OutFile a path in one that exists.");
                    return null;
                }
                if (noClobber && File.Exists(full))
                {
                    Refuse(cmdlet, ErrorIds.FileExists, $"{Echo.Quoted(full)} is there already, and -NoClobber keeps it: nothing was asked of the API.", full);
                    return null;
                }
                return full;
            }
            catch (Exception e) when (e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is NotSupportedException || e is ArgumentException)
            {
                Refuse(cmdlet, ErrorIds.FileNotFound, $"Cannot write {Echo.Quoted(path)}: {Echo.Cut(e.Message, 500)}", path);
                return null;
            }
        }

        private static LocalFile? Refuse(WwCmdlet cmdlet, string errorId, string message, string target, string? advice = null)
        {
            // A file that is not there is what Get-Item says it is (catch [System.Management.Automation.ItemNotFoundException] finds both).
            Exception exception = errorId == ErrorIds.FileNotFound ? new System.Management.Automation.ItemNotFoundException(message) : new ArgumentException(message);
            cmdlet.Report(ErrorRecords.Make(errorId, exception, target, advice), target);
            return null;
        }
    }
}
