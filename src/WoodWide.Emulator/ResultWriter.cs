using System.Globalization;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace WoodWide.Emulator;

/// <summary>Writes a result table as the API serves results: column-oriented JSON, CSV, or Parquet.</summary>
internal static class ResultWriter
{
    public static string ContentType(string outputType) => outputType switch
    {
        "json" => "application/json",
        "parquet" => "application/vnd.apache.parquet",
        _ => "text/csv; charset=utf-8",
    };

    /// <summary>
    /// The table as JSON, streamed: an object whose first fields <paramref name="head"/> writes, then "data" laid out by
    /// <paramref name="shape"/> (columns: {name: [values]}; rows: [{name: value}]); "bare" writes the list of rows alone.
    /// </summary>
    public static async Task WriteJsonAsync(Stream to, ResultSet set, string shape, Action<Utf8JsonWriter> head, CancellationToken token)
    {
        await using var w = new Utf8JsonWriter(to);
        if (shape != "bare")
        {
            w.WriteStartObject();
            head(w);
            w.WritePropertyName("data");
        }
        if (shape == "columns")
        {
            w.WriteStartObject();
            for (var c = 0; c < set.Names.Count; c++)
            {
                w.WriteStartArray(set.Names[c]);
                foreach (var value in set.Columns[c])
                {
                    Value(w, value);
                    if (w.BytesPending > 32768) await w.FlushAsync(token);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartArray();
            for (var r = 0; r < set.Rows; r++)
            {
                w.WriteStartObject();
                for (var c = 0; c < set.Names.Count; c++)
                {
                    w.WritePropertyName(set.Names[c]);
                    Value(w, set.Columns[c][r]);
                }
                w.WriteEndObject();
                if (w.BytesPending > 32768) await w.FlushAsync(token);
            }
            w.WriteEndArray();
        }
        if (shape != "bare") w.WriteEndObject();
        await w.FlushAsync(token);
    }

    /// <summary>The table as a file of <paramref name="outputType"/>: Parquet, or else CSV.</summary>
    public static Task WriteFileAsync(string outputType, ResultSet set, Stream to, CancellationToken token) =>
        outputType == "parquet" ? WriteParquetAsync(set, to, token) : WriteCsvAsync(set, to, token);

    private static async Task WriteCsvAsync(ResultSet set, Stream to, CancellationToken token)
    {
        await using var writer = new StreamWriter(to, new UTF8Encoding(false), 65536, leaveOpen: true);
        await writer.WriteAsync(string.Join(",", set.Names.Select(Cell)) + "\n");
        var line = new StringBuilder();
        for (var r = 0; r < set.Rows; r++)
        {
            line.Clear();
            for (var c = 0; c < set.Names.Count; c++)
            {
                if (c > 0) line.Append(',');
                line.Append(Cell(set.Columns[c][r]));
            }
            line.Append('\n');
            await writer.WriteAsync(line, token);
        }
    }

    private static async Task WriteParquetAsync(ResultSet set, Stream to, CancellationToken token)
    {
        // Parquet's footer is written last and its writer wants a stream it can seek: build the file in memory.
        using var file = new MemoryStream();
        await WriteParquetFileAsync(set, file, token);
        file.Position = 0;
        await file.CopyToAsync(to, token);
    }

    private static async Task WriteParquetFileAsync(ResultSet set, Stream to, CancellationToken token)
    {
        var fields = set.Names.Select((name, c) => Field(name, set.Columns[c])).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), to, cancellationToken: token);
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < fields.Length; c++)
        {
            var values = set.Columns[c];
            switch (fields[c])
            {
                case DataField<long> f: await group.WriteAsync<long>(f, values.Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray(), null, null, token); break;
                case DataField<double> f: await group.WriteAsync<double>(f, values.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray(), null, null, token); break;
                case DataField<bool> f: await group.WriteAsync<bool>(f, values.Select(v => (bool)v!).ToArray(), null, null, token); break;
                default: await group.WriteAsync(fields[c], values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty).ToArray(), null); break;
            }
        }
    }

    private static DataField Field(string name, List<object?> values) =>
        values.All(v => v is long) ? new DataField<long>(name)
        : values.All(v => v is long or double) ? new DataField<double>(name)
        : values.All(v => v is bool) ? new DataField<bool>(name)
        : new DataField<string>(name);

    private static void Value(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break;
            case bool b: w.WriteBooleanValue(b); break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
