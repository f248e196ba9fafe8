using System;

namespace WoodWide.Model
{
    /// <summary>
    /// Where the bytes of a signed-URL upload go (the API's <c>upload</c> of POST /datasets/upload). Kept off every
    /// output: the signed URL is a credential for the storage behind it.
    /// </summary>
    internal sealed class UploadTarget
    {
        /// <summary>Its fields, each declared once: what is read. Never shown: the type has no PowerShell view.</summary>
        internal static readonly ApiShape<UploadTarget> Fields = new ApiShape<UploadTarget>(() => new UploadTarget())
            .Field("filename", nameof(FileName), t => t.FileName, (t, x) => t.FileName = x, ApiValue.Text)
            .Field("bytes", nameof(Bytes), t => t.Bytes, (t, x) => t.Bytes = x, ApiValue.WholeNumber)
            .Field("content_type", nameof(ContentType), t => t.ContentType, (t, x) => t.ContentType = x, ApiValue.Text)
            .Field("upload_url", nameof(Url), t => t.Url, (t, x) => t.Url = x, ApiValue.AbsoluteUrl);

        public string? FileName { get; set; }
        public long? Bytes { get; set; }
        public string? ContentType { get; set; }
        public Uri? Url { get; set; }

        public override string ToString() => $"upload of {FileName} ({Bytes} bytes)";
    }
}
