using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// A read-only stream over another that reports each read: how an upload's bytes reach its progress bar and its
    /// idle timeout. It keeps the inner stream's length, so an HTTP body over it still says its Content-Length.
    /// </summary>
    internal sealed class CountingStream : Stream
    {
        private readonly Stream _inner;
        private readonly Action<long> _report;

        public CountingStream(Stream inner, Action<long> report)
        {
            _inner = inner;
            _report = report;
        }

        public override bool CanRead => true;
        public override bool CanSeek => _inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Counted(_inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Counted(await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            if (read > 0) _report(read);
            return read;
        }
    }
}
