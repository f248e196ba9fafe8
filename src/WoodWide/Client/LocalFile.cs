using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;

namespace WoodWide.Client
{
    /// <summary>A file on this machine to upload: its full path, size, name and content type, checked before its upload's first request.</summary>
    public sealed class LocalFile
    {
        public LocalFile(string path)
        {
            var info = new FileInfo(path ?? throw new ArgumentNullException(nameof(path)));
            Path = info.FullName;
            Length = info.Length;
            Name = info.Name;
            ContentType = string.Equals(info.Extension, ".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : "application/octet-stream";
        }

        public string Path { get; }
        public long Length { get; }
        public string Name { get; }
        public string ContentType { get; }

        /// <summary>Opens the file from its start, reporting each read to <paramref name="transfer"/>: a body made again per attempt.</summary>
        public Stream Open(Transfer transfer) =>
            new CountingStream(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), transfer.Report);

        /// <summary>A multipart form whose "file" part is this file under its name and content type, read afresh per attempt.</summary>
        public MultipartFormDataContent Form(Transfer transfer)
        {
            var content = new StreamContent(Open(transfer), 81920);
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
            return new MultipartFormDataContent { { content, "file", Name } };
        }

        public override string ToString() => Name;
    }
}
