using System.Text;

namespace WoodWide.Emulator;

/// <summary>Reads a CSV file's rows (after its header) as text cells: quotes, doubled quotes and CRLF as RFC 4180 has them.</summary>
internal static class CsvTable
{
    public static (string[] Header, List<IReadOnlyList<string>> Rows) Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = Next(reader)?.ToArray() ?? [];
        var rows = new List<IReadOnlyList<string>>();
        while (Next(reader) is { } row)
            if (!(row.Count == 1 && row[0].Length == 0)) rows.Add(row);
        return (header, rows);
    }

    private static List<string>? Next(TextReader reader)
    {
        if (reader.Peek() < 0) return null;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0) break;
            if (quoted)
            {
                if (c == '"' && reader.Peek() == '"') { reader.Read(); cell.Append('"'); }
                else if (c == '"') quoted = false;
                else cell.Append((char)c);
                continue;
            }
            if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') break;
            else if (c != '\r') cell.Append((char)c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
