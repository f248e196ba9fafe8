using System;
using System.Text;
using System.Text.Json;
using System.Runtime.CompilerServices;

namespace WoodWide.Client.Json
{
    /// <summary>
    /// Reads JSON a token at a time from a body that is still arriving: each token is read from a buffer refilled as
    /// needed, so a caller can act on the first row of a large array before its last byte has come. Utf8JsonReader
    /// cannot live across refills (it is a ref struct); its state can, so each token gets a reader that resumes it.
    /// </summary>
    internal sealed class JsonPull
    {
        private readonly Func<byte[], int, int, int> _read;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private bool _final;
        private JsonReaderState _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 });

        private int _valueStart;
        private int _valueLength;
        private bool _escaped;
        private long _whole;
        private double _number;
        private bool _isWhole;

        /// <param name="read">Reads more of the body into the buffer at an offset, up to a count; 0 at its end.</param>
        public JsonPull(Func<byte[], int, int, int> read, int bufferSize = 65536)
        {
            _read = read;
            _buffer = new byte[bufferSize];
        }

        /// <summary>Starts with bytes already read (the body's first ones, looked at to tell its format), then reads on.</summary>
        public JsonPull(ArraySegment<byte> start, Func<byte[], int, int, int> read) : this(read, Math.Max(65536, start.Count * 2))
        {
            Buffer.BlockCopy(start.Array!, start.Offset, _buffer, 0, start.Count);
            _end = start.Count;
        }

        public JsonTokenType Token { get; private set; }

        /// <summary>Moves to the next token; false at the end of the body.</summary>
        [MethodImpl(Hot.Loop)]
        public bool Read()
        {
            while (true)
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _final, _state);
                if (reader.Read())
                {
                    Token = reader.TokenType;
                    var tokenStart = _start + (int)reader.TokenStartIndex;
                    if (Token == JsonTokenType.String || Token == JsonTokenType.PropertyName)
                    {
                        _valueStart = tokenStart + 1;
                        _valueLength = reader.ValueSpan.Length;
                        _escaped = reader.ValueIsEscaped;
                    }
                    else if (Token == JsonTokenType.Number)
                    {
                        _isWhole = reader.TryGetInt64(out _whole);
                        if (!_isWhole) _number = reader.GetDouble();
                    }
                    _state = reader.CurrentState;
                    _start += (int)reader.BytesConsumed;
                    return true;
                }
                if (_final) return false;
                Fill();
            }
        }

        /// <summary>The current string or property name, as the UTF-8 bytes it was sent as (escapes not undone).</summary>
        public ReadOnlySpan<byte> RawText => new ReadOnlySpan<byte>(_buffer, _valueStart, _valueLength);

        public bool IsEscaped => _escaped;

        public string GetString()
        {
            if (!_escaped) return Encoding.UTF8.GetString(_buffer, _valueStart, _valueLength);
            // The token with its quotes, read alone, is a JSON string: its reader undoes the escapes.
            var alone = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _valueStart - 1, _valueLength + 2));
            alone.Read();
            return alone.GetString()!;
        }

        /// <summary>True when the current name or string is exactly <paramref name="utf8"/>.</summary>
        public bool Is(byte[] utf8) => !_escaped ? RawText.SequenceEqual(utf8) : GetString() == Encoding.UTF8.GetString(utf8);

        /// <summary>The current scalar as PowerShell shows it best: integers long, other numbers double, as ConvertFrom-Json does.</summary>
        [MethodImpl(Hot.Loop)]
        public object? Scalar() => Token switch
        {
            JsonTokenType.Number => _isWhole ? Boxes.Whole(_whole) : _number,
            JsonTokenType.String => GetString(),
            JsonTokenType.True => Boxes.True,
            JsonTokenType.False => Boxes.False,
            _ => null,
        };

        /// <summary>The value at the current token, nested objects and arrays included (as JsonValueReader reads them).</summary>
        [MethodImpl(Hot.Loop)]
        public object? Value()
        {
            switch (Token)
            {
                case JsonTokenType.StartObject:
                    var map = new Model.ApiDictionary();
                    while (Read() && Token == JsonTokenType.PropertyName)
                    {
                        var name = GetString();
                        Read();
                        map[name] = Value();
                    }
                    return map;
                case JsonTokenType.StartArray:
                    var items = new System.Collections.Generic.List<object?>();
                    while (Read() && Token != JsonTokenType.EndArray) items.Add(Value());
                    return items.ToArray();
                default:
                    return Scalar();
            }
        }

        /// <summary>Keeps the unread bytes, making room (doubling the buffer only when one token fills it), and reads more.</summary>
        private void Fill()
        {
            var kept = _end - _start;
            if (kept == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            else if (_start > 0) Buffer.BlockCopy(_buffer, _start, _buffer, 0, kept);
            _start = 0;
            _end = kept;
            var read = _read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) _final = true;
            else _end += read;
        }
    }

    /// <summary>Boxed values met again and again (true, false, small integers such as ids and labels): one box each.</summary>
    internal static class Boxes
    {
        public static readonly object True = true;
        public static readonly object False = false;
        private static readonly object[] Small = MakeSmall();

        public static object Whole(long value) => value >= 0 && value < Small.Length ? Small[value] : value;

        private static object[] MakeSmall()
        {
            var boxes = new object[256];
            for (var i = 0; i < boxes.Length; i++) boxes[i] = (long)i;
            return boxes;
        }
    }
}
