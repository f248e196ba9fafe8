using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Runtime.CompilerServices;
using WoodWide.Client.Json;
using WoodWide.Model;

namespace WoodWide.Client.Results
{
    /// <summary>
    /// Rows from a JSON answer whose shape the docs leave open, in every form it is likely to take: column-oriented
    /// <c>data</c> (each key a list, the documented form of /infer), a list of row objects (rows flow as they arrive),
    /// pandas' "split" and "columns" layouts, or a bare list. Whatever else the answer holds is kept in
    /// <see cref="Fields"/>; an artifact URL in it (results_uri and the names like it) is <see cref="Artifact"/>.
    /// </summary>
    internal sealed class JsonResults
    {
        /// <summary>Where the rows may be, in the order they are looked for.</summary>
        private static readonly byte[][] RowFields = Utf8("data", "results", "rows", "records", "predictions", "items");

        /// <summary>Where an artifact's URL may be: the names one caller of the API looks under, and their kin.</summary>
        private static readonly byte[][] ArtifactFields = Utf8("results_uri", "inference_results_uri", "combined_results_uri",
            "result_uri", "results_url", "result_url", "download_url", "signed_url", "artifact_url", "file_url", "url", "uri");

        private static readonly byte[] ColumnsField = Encoding.UTF8.GetBytes("columns");

        private readonly JsonPull _json;
        private List<string>? _splitColumns;

        public JsonResults(JsonPull json) => _json = json;

        /// <summary>Every field of the answer but its rows, once they have been read.</summary>
        public ApiDictionary Fields { get; } = new ApiDictionary();

        /// <summary>The artifact the answer points at, when it holds no rows of its own.</summary>
        public Uri? Artifact { get; private set; }

        /// <summary>True once rows were found (even none: an empty list is an answer).</summary>
        public bool HadRows { get; private set; }

        /// <summary>The rows, read as the body arrives; <see cref="Fields"/> and <see cref="Artifact"/> are complete once enumerated.</summary>
        public IEnumerable<ResultRow> Read(ResultColumns columns)
        {
            if (!_json.Read()) throw new JsonException("The body is empty.");
            if (_json.Token == JsonTokenType.StartArray)
            {
                HadRows = true;
                foreach (var row in Rows(columns)) yield return row;
                yield break;
            }
            if (_json.Token != JsonTokenType.StartObject)
                throw new JsonException($"Expected results (a JSON object or array), found a JSON {JsonFields.Describe(_json.Token)}.");
            while (_json.Read() && _json.Token == JsonTokenType.PropertyName)
            {
                var isRows = !HadRows && Matches(RowFields);
                var isArtifact = Matches(ArtifactFields);
                var isColumns = _json.Is(ColumnsField);
                var name = _json.GetString();
                _json.Read();
                if (isRows && _json.Token == JsonTokenType.StartArray)
                {
                    HadRows = true;
                    foreach (var row in Rows(columns)) yield return row;
                }
                else if (isRows && _json.Token == JsonTokenType.StartObject)
                {
                    HadRows = true;
                    foreach (var row in ColumnOriented(columns)) yield return row;
                }
                else
                {
                    var value = _json.Value();
                    Fields[name] = value;
                    if (isColumns && value is object[] names) _splitColumns = new List<string>(Array.ConvertAll(names, n => Convert.ToString(n, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                    if (isArtifact && Artifact is null && value is string text && Uri.TryCreate(text, UriKind.Absolute, out var url)
                        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
                        Artifact = url;
                }
            }
        }

        /// <summary>A list: of row objects (the usual), of lists (pandas "split", under its columns), or of plain values.</summary>
        private IEnumerable<ResultRow> Rows(ResultColumns columns)
        {
            while (_json.Read() && _json.Token != JsonTokenType.EndArray)
            {
                switch (_json.Token)
                {
                    case JsonTokenType.StartObject:
                        yield return RowObject(columns);
                        break;
                    case JsonTokenType.StartArray:
                        yield return RowList(columns);
                        break;
                    default:
                        if (columns.Count == 0) columns.Add("value");
                        yield return new ResultRow(columns, new[] { _json.Scalar() });
                        break;
                }
            }
        }

        [MethodImpl(Hot.Loop)]
        private ResultRow RowObject(ResultColumns columns)
        {
            var values = new object?[Math.Max(columns.Count, 1)];
            var position = 0;
            while (_json.Read() && _json.Token == JsonTokenType.PropertyName)
            {
                var index = _json.IsEscaped ? -1 : columns.IndexOf(_json.RawText, position);
                if (index < 0)
                {
                    var name = _json.GetString();
                    index = columns.IndexOf(name);
                    if (index < 0) index = columns.Add(name);
                }
                _json.Read();
                if (index >= values.Length) Array.Resize(ref values, columns.Count);
                values[index] = _json.Value();
                position = index + 1;
            }
            return new ResultRow(columns, values);
        }

        private ResultRow RowList(ResultColumns columns)
        {
            if (columns.Count == 0 && _splitColumns != null) foreach (var name in _splitColumns) columns.Add(name);
            var values = new List<object?>(columns.Count);
            while (_json.Read() && _json.Token != JsonTokenType.EndArray) values.Add(_json.Value());
            columns.Cover(values.Count);
            return new ResultRow(columns, values.ToArray());
        }

        /// <summary>
        /// Columns as keys, each a list of values (the docs' form), or an object keyed by row (pandas' default):
        /// read whole, since no row is complete before the last column, then handed out row by row.
        /// </summary>
        private IEnumerable<ResultRow> ColumnOriented(ResultColumns columns)
        {
            var lists = ReadColumns(columns);
            var rows = 0;
            foreach (var list in lists) rows = Math.Max(rows, list.Count);
            for (var r = 0; r < rows; r++) yield return RowAt(columns, lists, r);
        }

        [MethodImpl(Hot.Loop)]
        private List<List<object?>> ReadColumns(ResultColumns columns)
        {
            var lists = new List<List<object?>>();
            while (_json.Read() && _json.Token == JsonTokenType.PropertyName)
            {
                columns.Add(_json.GetString());
                _json.Read();
                var list = new List<object?>();
                if (_json.Token == JsonTokenType.StartArray)
                    while (_json.Read() && _json.Token != JsonTokenType.EndArray) list.Add(_json.Value());
                else if (_json.Token == JsonTokenType.StartObject)
                    while (_json.Read() && _json.Token == JsonTokenType.PropertyName)
                    {
                        _json.Read();
                        list.Add(_json.Value());
                    }
                else list.Add(_json.Scalar());
                lists.Add(list);
            }
            return lists;
        }

        private static ResultRow RowAt(ResultColumns columns, List<List<object?>> lists, int r)
        {
            var values = new object?[lists.Count];
            for (var c = 0; c < lists.Count; c++)
                if (r < lists[c].Count) values[c] = lists[c][r];
            return new ResultRow(columns, values);
        }

        private bool Matches(byte[][] names)
        {
            foreach (var name in names)
                if (_json.Is(name)) return true;
            return false;
        }

        private static byte[][] Utf8(params string[] names) => Array.ConvertAll(names, n => Encoding.UTF8.GetBytes(n));
    }
}
