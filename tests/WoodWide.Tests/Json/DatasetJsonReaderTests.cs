using System.Text;
using System.Text.Json;
using WoodWide.Client;
using WoodWide.Client.Json;
using WoodWide.Model;
using Xunit;

namespace WoodWide.Tests.Json;

/// <summary>The dataset answers: documented ones typed, undocumented ones kept as they come.</summary>
public class DatasetJsonReaderTests
{
    private const string DatasetId = "da7a5e70-0000-4000-8000-000000000001";
    private const string VersionId = "da7a5e70-0000-4000-8000-0000000000a1";
    private const string JobId = "11111111-2222-4333-8444-555555555555";

    private static T Read<T>(string json, BodyReader<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return read(ref reader);
    }

    [Fact]
    public void Reads_the_answer_to_an_upload_and_keeps_the_signed_url_apart()
    {
        var upload = Read($$"""
            {"dataset": {"id": "{{DatasetId}}", "version_id": "{{VersionId}}", "version_number": 2}, "job_id": "{{JobId}}",
             "upload": {"filename": "big.csv", "bytes": 104857600, "content_type": "text/csv", "upload_url": "https://storage.test.invalid/b?sig=x"},
             "quota_left": 3}
            """, DatasetJsonReader.ReadUpload);

        Assert.Equal(Guid.Parse(JobId), upload.JobId);
        Assert.Equal(Guid.Parse(VersionId), upload.DatasetVersionId);
        Assert.Equal(2L, upload.VersionNumber);
        Assert.Equal("https://storage.test.invalid/b?sig=x", upload.Upload!.Url!.AbsoluteUri);
        Assert.Equal(104857600L, upload.Upload.Bytes);
        // The URL is kept out of what PowerShell sees; the field the API added later is kept in.
        Assert.DoesNotContain("upload", upload.AdditionalProperties.Keys.Cast<string>());
        Assert.Equal(3L, upload.AdditionalProperties["quota_left"]);
    }

    [Fact]
    public void Reads_every_documented_field_of_a_version()
    {
        var version = Read($$"""
            {"dataset_version_id": "{{VersionId}}", "dataset_id": "{{DatasetId}}", "version": 1, "status": "ready",
             "created_at": "2026-11-07T05:31:56Z", "schema_json": {"columns": [{"name": "a", "type": "numeric"}]},
             "byte_size": 1234, "ingest_job_id": "{{JobId}}", "ready_at": "2026-11-07T05:32:10Z"}
            """, DatasetJsonReader.ReadVersion);

        Assert.Equal(Guid.Parse(VersionId), version.DatasetVersionId);
        Assert.Equal(Guid.Parse(DatasetId), version.DatasetId);
        Assert.Equal(1L, version.Version);
        Assert.Equal("ready", version.Status);
        Assert.Equal(1234L, version.ByteSize);
        Assert.Equal(Guid.Parse(JobId), version.IngestJobId);
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 5, 32, 10, TimeSpan.Zero), version.ReadyAt);
        Assert.IsType<ApiDictionary>(version.SchemaJson);
    }

    [Fact]
    public void Refuses_a_version_without_its_id()
    {
        Assert.Throws<JsonException>(() => Read("""{"status": "ready"}""", DatasetJsonReader.ReadVersion));
    }

    [Theory]
    [InlineData("{\"dataset\": {\"dataset_id\": \"" + DatasetId + "\", \"name\": \"churn\"}}")]
    [InlineData("{\"dataset_id\": \"" + DatasetId + "\", \"name\": \"churn\"}")]
    [InlineData("{\"id\": \"" + DatasetId + "\", \"dataset_name\": \"churn\"}")]
    public void Reads_a_dataset_wrapped_or_not_whatever_it_calls_its_id_and_name(string json)
    {
        var dataset = Read(json, DatasetJsonReader.ReadDataset);

        Assert.Equal(Guid.Parse(DatasetId), dataset.DatasetId);
        Assert.Equal("churn", dataset.Name);
    }

    [Theory]
    [InlineData("items")]
    [InlineData("datasets")]
    [InlineData("data")]
    public void Reads_a_dataset_list_in_any_of_the_usual_envelopes(string envelope)
    {
        var page = Read($$"""{"{{envelope}}": [{"dataset_id": "{{DatasetId}}"}, {"dataset_id": "{{VersionId}}"}]}""",
            (ref Utf8JsonReader r) => PageReader.Read(ref r, DatasetJsonReader.ReadDataset, "dataset list", "items", "datasets", "data"));

        Assert.Equal(2, page.Items.Count);
    }

    [Fact]
    public void Reads_a_datasets_times_as_times_and_keeps_a_text_that_is_not_one_as_sent()
    {
        var dataset = Read($$"""
            {"dataset": {"dataset_id": "{{DatasetId}}", "name": "churn", "created_at": "2026-11-07T05:31:56Z",
             "updated_at": "2026-11-08", "deleted_at": "never", "format": "2026-11-07T05:31:56Z", "version_count": 2,
             "current_version": {"dataset_version_id": "{{VersionId}}", "created_at": "2026-11-07T05:32:10Z"}
             }
             }
            """, DatasetJsonReader.ReadDataset);

        Assert.Equal(new DateTimeOffset(2026, 11, 7, 5, 31, 56, TimeSpan.Zero), dataset.AdditionalProperties["created_at"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero), dataset.AdditionalProperties["updated_at"]);
        Assert.Equal("never", dataset.AdditionalProperties["deleted_at"]);
        // Only a field named as a time is read as one.
        Assert.Equal("2026-11-07T05:31:56Z", dataset.AdditionalProperties["format"]);
        Assert.Equal("churn", dataset.Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 5, 32, 10, TimeSpan.Zero), ((ApiDictionary)dataset.AdditionalProperties["current_version"]!)["created_at"]);
    }

    [Fact]
    public void Reads_an_undeclared_time_of_a_typed_answer_as_a_time()
    {
        var version = Read($$"""
            {"dataset_version_id": "{{VersionId}}", "dataset_id": "{{DatasetId}}", "version": 1, "status": "ready",
             "archived_at": "2026-11-09T10:00:00+01:00"}
            """, DatasetJsonReader.ReadVersion);

        Assert.Equal(new DateTimeOffset(2026, 11, 9, 10, 0, 0, TimeSpan.FromHours(1)), version.AdditionalProperties["archived_at"]);
    }

    [Fact]
    public void Writes_a_nested_objects_text_as_people_read_it_with_no_escaped_plus_or_letters()
    {
        var nested = new ApiDictionary { ["at"] = new DateTimeOffset(2026, 11, 7, 5, 31, 56, TimeSpan.Zero), ["name"] = "Zoë's <north>" };

        Assert.Equal("{\"at\":\"2026-11-07T05:31:56.0000000+00:00\",\"name\":\"Zoë's <north>\"}", nested.ToString());
    }
}
