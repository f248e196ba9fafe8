using System;
using System.Collections.Generic;
using System.Text;
using System.Runtime.CompilerServices;
using WoodWide.Model;

namespace WoodWide.Client.Results
{
    /// <summary>
    /// Rows of a CSV body, read as it arrives (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes, CRLF
    /// or LF), each a <see cref="ResultRow"/> under the header's columns with its cells typed by <see cref="CellValue"/>.
    /// Works on the UTF-8 bytes: the separators are ASCII, so no text is made for a cell that is a number.
    /// </summary>
    internal sealed class CsvRows
    {
        private readonly Func<byte[], int, int, int> _read;
        private readonly byte[] _buffer = new byte[65536];
        private int _pos;
        private int _end;
        private bool _eof;
        private byte[] _cell = new byte[256];
        private int _cellLength;

        public CsvRows(Func<byte[], int, int, int> read) => _read = read;

        /// <summary>Starts with bytes already read (looked at to tell the body's format), then reads on.</summary>
        public CsvRows(ArraySegment<byte> start, Func<byte[], int, int, int> read) : this(read)
        {
            Buffer.BlockCopy(start.Array!, start.Offset, _buffer, 0, start.Count);
            _end = start.Count;
        }

        /// <summary>The rows, after the header; <paramref name="columns"/> gets the header's names (made up where empty).</summary>
        public IEnumerable<ResultRow> Read(ResultColumns columns)
        {
            SkipBom();
            var cells = new List<object?>();
            var header = new List<string>();
            if (!NextRecord(header, text: true)) yield break;
            foreach (var name in header)
            {
                if (name.Length > 0) columns.Add(name);
                else columns.AddUnnamed();
            }
            while (NextRecord(cells, text: false))
            {
                // A blank line is no row.
                if (cells.Count == 1 && cells[0] is null) continue;
                columns.Cover(cells.Count);
                yield return new ResultRow(columns, cells.ToArray());
            }
        }

        /// <summary>Reads one record's cells (as text for the header, typed otherwise); false at the end of the body.</summary>
        [MethodImpl(Hot.Loop)]
        private bool NextRecord<T>(List<T> cells, bool text)
        {
            cells.Clear();
            if (Peek() < 0) return false;
            while (true)
            {
                var (quoted, end) = NextCell();
                cells.Add((T)(text ? Encoding.UTF8.GetString(_cell, 0, _cellLength) : CellValue.Parse(_cell, _cellLength, quoted))!);
                if (end) return true;
            }
        }

        /// <summary>Reads one cell into the scratch buffer; whether it was quoted, and whether it ended its record.</summary>
        [MethodImpl(Hot.Loop)]
        private (bool Quoted, bool EndOfRecord) NextCell()
        {
            _cellLength = 0;
            var quoted = false;
            var inQuotes = false;
            while (true)
            {
                var b = Next();
                if (b < 0) return (quoted, true);
                if (inQuotes)
                {
                    if (b != '"') Append((byte)b);
                    else if (Peek() == '"') Append((byte)Next());
                    else inQuotes = false;
                    continue;
                }
                switch (b)
                {
                    case ',': return (quoted, false);
                    case '\n': return (quoted, true);
                    case '\r':
                        if (Peek() == '\n') Next();
                        return (quoted, true);
                    case '"' when _cellLength == 0 && !quoted:
                        quoted = inQuotes = true;
                        break;
                    default:
                        Append((byte)b);
                        break;
                }
            }
        }

        private void Append(byte b)
        {
            if (_cellLength == _cell.Length) Array.Resize(ref _cell, _cell.Length * 2);
            _cell[_cellLength++] = b;
        }

        private void SkipBom()
        {
            if (Peek() == 0xEF && Ensure(3) && _buffer[_pos + 1] == 0xBB && _buffer[_pos + 2] == 0xBF) _pos += 3;
        }

        private int Next() => _pos < _end || Fill() ? _buffer[_pos++] : -1;

        private int Peek() => _pos < _end || Fill() ? _buffer[_pos] : -1;

        /// <summary>At least <paramref name="count"/> unread bytes in the buffer, if the body has them.</summary>
        private bool Ensure(int count)
        {
            while (_end - _pos < count && !_eof)
            {
                if (_pos > 0)
                {
                    Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
                    _end -= _pos;
                    _pos = 0;
                }
                var read = _read(_buffer, _end, _buffer.Length - _end);
                if (read == 0) _eof = true;
                _end += read;
            }
            return _end - _pos >= count;
        }

        private bool Fill() => Ensure(1);
    }
}
