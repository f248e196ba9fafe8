using System.Text;
using System.Text.Json;
using WoodWide.Client.Json;
using WoodWide.Client.Results;
using WoodWide.Model;
using Xunit;

namespace WoodWide.Tests.Results;

/// <summary>The results readers on every form the API's results may take, fed a few bytes at a time as a slow body is.</summary>
public sealed class ResultReaderTests
{
    /// <summary>A body that hands out at most <paramref name="chunk"/> bytes per read, and counts what it has given.</summary>
    private sealed class Trickle(string text, int chunk)
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

        public int Given { get; private set; }

        public int Total => _bytes.Length;

        public int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(chunk, count), _bytes.Length - Given);
            Buffer.BlockCopy(_bytes, Given, buffer, offset, n);
            Given += n;
            return n;
        }
    }

    private static List<ResultRow> Json(string text, out JsonResults results, int chunk = 7, ResultColumns? columns = null)
    {
        var body = new Trickle(text, chunk);
        results = new JsonResults(new JsonPull(body.Read, bufferSize: 16));
        return results.Read(columns ?? new ResultColumns()).ToList();
    }

    private static object?[] Values(ResultRow row) =>
        Enumerable.Range(0, row.Columns.Count).Select(i => row[i]).ToArray();

    private static string[] Names(ResultRow row) =>
        Enumerable.Range(0, row.Columns.Count).Select(i => row.Columns.Name(i)).ToArray();

    [Fact]
    public void Reads_column_oriented_data_as_rows_in_the_columns_order()
    {
        var rows = Json("""{"job_id":"j1","data":{"id":[0,1,2],"prediction":[1,0,1],"prediction_prob":[0.91,0.62,0.5]}}""", out var results);

        Assert.Equal(3, rows.Count);
        Assert.Equal(new[] { "id", "prediction", "prediction_prob" }, Names(rows[0]));
        Assert.Equal(new object?[] { 1L, 0L, 0.62 }, Values(rows[1]));
        Assert.Equal("j1", results.Fields["job_id"]);
        Assert.True(results.HadRows);
        Assert.Null(results.Artifact);
    }

    [Fact]
    public void Reads_rows_that_are_objects_with_escapes_nulls_and_nested_values()
    {
        var rows = Json("""[{"id":0,"label":"a\"b\u00e9","extra":null},{"id":1,"label":"c","nested":{"k":[1,2]}}]""", out _);

        Assert.Equal(2, rows.Count);
        Assert.Equal("a\"bé", rows[0][1]);
        Assert.Null(rows[0][2]);
        Assert.Equal(new[] { "id", "label", "extra", "nested" }, Names(rows[1]));
        Assert.Null(rows[0][3]);
        var nested = Assert.IsType<ApiDictionary>(rows[1][3]);
        Assert.Equal(new object[] { 1L, 2L }, (object[])nested["k"]!);
    }

    [Fact]
    public void Finds_each_column_by_its_name_when_rows_list_them_in_another_order()
    {
        var rows = Json("""{"rows":[{"a":1,"b":2},{"b":4,"a":3}]}""", out _);

        Assert.Equal(new object?[] { 3L, 4L }, Values(rows[1]));
    }

    [Fact]
    public void Reads_pandas_split_and_columns_layouts()
    {
        var split = Json("""{"columns":["id","score"],"index":[0,1],"data":[[0,0.5],[1,0.25]]}""", out _);
        Assert.Equal(new[] { "id", "score" }, Names(split[0]));
        Assert.Equal(new object?[] { 1L, 0.25 }, Values(split[1]));

        var byIndex = Json("""{"data":{"id":{"0":7,"1":8},"score":{"0":0.1,"1":0.2}}}""", out _);
        Assert.Equal(new object?[] { 8L, 0.2 }, Values(byIndex[1]));
    }

    [Fact]
    public void Reads_a_list_of_plain_values_as_one_column()
    {
        var rows = Json("""{"data":[3,17,42]}""", out _);

        Assert.Equal(new object?[] { 17L }, Values(rows[1]));
        Assert.Equal("value", rows[0].Columns.Name(0));
    }

    [Theory]
    [InlineData("results_uri")]
    [InlineData("inference_results_uri")]
    [InlineData("combined_results_uri")]
    public void Finds_the_artifact_a_pointer_names_and_no_rows(string field)
    {
        var rows = Json($$"""{"job_id":"j","output_type":"csv",{{JsonSerializer.Serialize(field)}}:"https://storage.example/r.csv?sig=abc","expires_at":"x"}""", out var results);

        Assert.Empty(rows);
        Assert.False(results.HadRows);
        Assert.Equal(new Uri("https://storage.example/r.csv?sig=abc"), results.Artifact);
        Assert.Equal(new Uri("https://storage.example/r.csv?sig=abc"),
            ResultReader.PointerIn(new ArraySegment<byte>(Encoding.UTF8.GetBytes($$"""{"{{field}}":"https://storage.example/r.csv?sig=abc"}"""))));
    }

    [Fact]
    public void Hands_out_the_first_row_of_a_list_before_the_body_has_arrived()
    {
        var text = "[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $$"""{"id":{{i}},"p":0.5}""")) + "]";
        var body = new Trickle(text, 512);
        var results = new JsonResults(new JsonPull(body.Read));

        using var rows = results.Read(new ResultColumns()).GetEnumerator();
        Assert.True(rows.MoveNext());

        Assert.Equal(0L, rows.Current[0]);
        Assert.True(body.Given < body.Total / 10, $"{body.Given} of {body.Total} bytes were read for the first row.");
    }

    [Fact]
    public void Refuses_a_body_cut_short()
    {
        Assert.ThrowsAny<JsonException>(() => Json("""{"data":[{"id":1},{"id":""", out _));
    }

    private static List<ResultRow> Csv(string text, int chunk = 5) =>
        new CsvRows(new Trickle(text, chunk).Read).Read(new ResultColumns()).ToList();

    [Fact]
    public void Reads_csv_with_quotes_doubled_quotes_line_breaks_in_cells_crlf_and_a_bom()
    {
        var rows = Csv("\uFEFFid,comment,score\r\n0,\"said \"\"hi\"\", then\nleft\",0.5\r\n1,plain,2\r\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "id", "comment", "score" }, Names(rows[0]));
        Assert.Equal(new object?[] { 0L, "said \"hi\", then\nleft", 0.5 }, Values(rows[0]));
        Assert.Equal(new object?[] { 1L, "plain", 2L }, Values(rows[1]));
    }

    [Fact]
    public void Types_csv_cells_by_one_rule_and_keeps_what_only_looks_numeric()
    {
        var row = Assert.Single(Csv("a,b,c,d,e,f,g,h,i\n-12,1.5e3,007,true,,\"42\",0.25,False,1-2\n"));

        Assert.Equal(new object?[] { -12L, 1500.0, "007", true, null, "42", 0.25, false, "1-2" }, Values(row));
    }

    [Fact]
    public void Reads_a_last_line_without_a_line_break_and_skips_blank_lines()
    {
        var rows = Csv("id,p\n0,1\n\n1,0");

        Assert.Equal(new object?[] { 1L, 0L }, Values(rows[1]));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Hands_out_the_first_csv_row_before_the_body_has_arrived()
    {
        var text = "id,p\n" + string.Concat(Enumerable.Range(0, 20000).Select(i => $"{i},0.5\n"));
        var body = new Trickle(text, 1024);

        using var rows = new CsvRows(body.Read).Read(new ResultColumns()).GetEnumerator();
        Assert.True(rows.MoveNext());

        Assert.True(body.Given < body.Total / 2, $"{body.Given} of {body.Total} bytes were read for the first row.");
    }

    [Theory]
    [InlineData("text/csv", "", "x,y", ResultFormat.Csv)]
    [InlineData("application/json", "", "{}", ResultFormat.Json)]
    [InlineData("application/octet-stream", "/r.parquet", "PAR1\u0001", ResultFormat.Binary)]
    [InlineData("application/octet-stream", "/r.csv", "id,p", ResultFormat.Csv)]
    [InlineData("binary/octet-stream", "/r", "  [{\"a\":1}]", ResultFormat.Json)]
    [InlineData(null, "/r", "\u0000\u0001bin", ResultFormat.Binary)]
    public void Tells_the_format_from_the_media_type_then_the_url_then_the_first_bytes(string? mediaType, string path, string head, ResultFormat expected)
    {
        var url = new Uri("https://storage.example" + (path.Length == 0 ? "/" : path));
        Assert.Equal(expected, ResultFormats.Detect(mediaType, url, new ArraySegment<byte>(Encoding.UTF8.GetBytes(head))));
    }
}
