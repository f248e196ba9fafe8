using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>
/// Reads the start of an uploaded file as it streams to disk: is it CSV, and what are its columns? Only the first
/// <see cref="SampleBytes"/> are kept, so a file of any size costs the same memory. Column types follow the API's
/// schema inference (numeric, categorical, datetime, binary).
/// </summary>
internal sealed class CsvInspector
{
    public const int SampleBytes = 64 * 1024;
    private readonly MemoryStream _sample = new();

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        var room = SampleBytes - (int)_sample.Length;
        if (room > 0) _sample.Write(chunk[..Math.Min(room, chunk.Length)]);
    }

    /// <summary>The schema_json of a CSV file, or why the file is not CSV.</summary>
    public (JsonObject? Schema, string? Problem) Inspect()
    {
        var bytes = _sample.ToArray();
        if (bytes.Length == 0) return (null, "The file is empty.");
        if (Array.IndexOf(bytes, (byte)0) >= 0) return (null, "The file is not CSV: it holds binary data.");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // The sample may end inside a character; anything else is not text.
            if (bytes.Length < SampleBytes) return (null, "The file is not CSV: it is not UTF-8 text.");
            text = Encoding.UTF8.GetString(bytes);
        }
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (bytes.Length == SampleBytes && lines.Count > 1) lines.RemoveAt(lines.Count - 1);   // cut off mid-line
        lines = lines.Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return (null, "The file is empty.");
        var header = lines[0].Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        if (header.Any(string.IsNullOrEmpty)) return (null, "The file is not CSV: its header has an empty column name.");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var bad = rows.FindIndex(r => r.Length != header.Length);
        if (bad >= 0)
            return (null, $"CSV parse error at line {bad + 2}: expected {header.Length} columns, found {rows[bad].Length}.");
        var columns = new JsonArray();
        for (var c = 0; c < header.Length; c++)
        {
            var values = rows.Select(r => r[c].Trim().Trim('"')).Where(v => v.Length > 0).ToList();
            columns.Add(new JsonObject { ["name"] = header[c], ["type"] = TypeOf(values) });
        }
        return (new JsonObject { ["columns"] = columns }, null);
    }

    private static string TypeOf(List<string> values)
    {
        if (values.Count > 0 && values.All(v => v is "0" or "1" || bool.TryParse(v, out _) || v is "yes" or "no")) return "binary";
        if (values.Count > 0 && values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))) return "numeric";
        if (values.Count > 0 && values.All(v => DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))) return "datetime";
        return "categorical";
    }
}
