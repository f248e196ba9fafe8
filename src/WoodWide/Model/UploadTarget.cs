using System;

namespace WoodWide.Model
{
    /// <summary>
    /// Where the bytes of a signed-URL upload go (the API's <c>upload</c> of POST /datasets/upload). Kept off every
    /// output: the signed URL is a credential for the storage behind it.
    /// </summary>
    internal sealed class UploadTarget
    {
        public string? FileName { get; set; }
        public long? Bytes { get; set; }
        public string? ContentType { get; set; }
        public Uri? Url { get; set; }

        public override string ToString() => $"upload of {FileName} ({Bytes} bytes)";
    }
}
