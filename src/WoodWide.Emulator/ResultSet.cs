namespace WoodWide.Emulator;

/// <summary>A table of results, column by column, in order: what an inference produces and its results serve.</summary>
internal sealed class ResultSet
{
    public List<string> Names { get; } = new();
    public List<List<object?>> Columns { get; } = new();

    public int Rows => Columns.Count == 0 ? 0 : Columns[0].Count;

    public void Add(string name, List<object?> values)
    {
        Names.Add(name);
        Columns.Add(values);
    }

    /// <summary>A made-up table of <paramref name="rows"/> × <paramref name="columns"/>: an id, then numbers and words in turn.</summary>
    public static ResultSet Synthetic(int rows, int columns)
    {
        var set = new ResultSet();
        set.Add("id", Enumerable.Range(0, rows).Select(i => (object?)(long)i).ToList());
        for (var c = 1; c < columns; c++)
        {
            var column = c;
            set.Add($"col_{c}", c % 3 == 0
                ? Enumerable.Range(0, rows).Select(i => (object?)$"w{(i * column) % 97}").ToList()
                : Enumerable.Range(0, rows).Select(i => (object?)Math.Round((i * column % 1000) / 7.0, 3)).ToList());
        }
        return set;
    }
}
