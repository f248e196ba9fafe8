using System.Collections;
using System.Collections.Specialized;
using System.Text;
using System.Text.Json;
using WoodWide.Client.Json;
using WoodWide.Model;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Json;

public class JobJsonReaderTests
{
    internal static JobDetail Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return JobJsonReader.ReadDetail(ref reader);
    }

    private static string Job(string fields) =>
        "{\"job_id\":\"" + JobDocuments.JobId + "\"" + (fields.Length > 0 ? "," + fields : "") + "}";

    [Fact]
    public void Maps_every_documented_field()
    {
        var job = Read(JobDocuments.FullTrain);

        Assert.Equal(Guid.Parse(JobDocuments.JobId), job.JobId);
        Assert.Equal("train", job.Type);
        Assert.Equal("running", job.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 5, 31, 56, TimeSpan.Zero), job.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 5, 32, 10, 250, TimeSpan.Zero), job.StartedAt);
        Assert.Null(job.FinishedAt);
        Assert.Equal("api_key", job.CreatedBy!.PrincipalType);
        Assert.Equal("u-1", job.CreatedBy.UserId);
        Assert.Equal("k-9", job.CreatedBy.ApiKeyId);
        Assert.Equal("ml", job.CreatedBy.AdditionalProperties["team"]);
        Assert.Null(job.ErrorMessage);
        Assert.Equal("0.1.0", job.WoodwideRuntimeVersion);
        Assert.Equal(12.5, job.CreditsConsumed);
        Assert.Equal(42.5, job.Progress);
        Assert.Equal(90, job.EstimatedSecondsRemaining);
        Assert.Empty(job.AdditionalProperties);
    }

    [Fact]
    public void Reads_escaped_text_the_same_as_plain_text()
    {
        // \u0036 is "6", the id's first character; \u0074 is "t". Plain text takes a faster path than escaped text.
        var job = Read("{\"job_id\":\"\\u0036" + JobDocuments.JobId.Substring(1) + "\",\"st\\u0061tus\":\"running\","
            + "\"created_at\":\"2026-11-07T05:31:56\\u005A\",\"resources\":{\"\\u0074ype\":\"train\"}}");

        Assert.Equal(Guid.Parse(JobDocuments.JobId), job.JobId);
        Assert.Equal("running", job.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 5, 31, 56, TimeSpan.Zero), job.CreatedAt);
        Assert.IsType<TrainResources>(job.Resources);
    }

    [Fact]
    public void Reading_a_job_allocates_little_beyond_its_free_form_input()
    {
        var bytes = Encoding.UTF8.GetBytes(JobDocuments.FullTrain);
        for (var i = 0; i < 10; i++) ReadBytes(bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) ReadBytes(bytes);
        var perJob = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        // About 3.8 KB, most of it the free-form input's dictionaries; it was 9.4 KB when every nested object went
        // through a dictionary first. The bound leaves room for runtime changes, not for that again.
        Assert.InRange(perJob, 1, 5 * 1024);
    }

    private static JobDetail ReadBytes(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        return JobJsonReader.ReadDetail(ref reader);
    }

    [Fact]
    public void Reads_train_resources_as_typed_version_references()
    {
        var resources = Assert.IsType<TrainResources>(Read(JobDocuments.FullTrain).Resources);

        Assert.Equal("train", resources.Type);
        Assert.Equal(Guid.Parse("0de10000-0000-4000-8000-000000000001"), resources.Model!.Id);
        Assert.Equal(Guid.Parse("0de10000-0000-4000-8000-0000000000b1"), resources.Model.VersionId);
        Assert.Equal(3, resources.Model.VersionNumber);
        Assert.Equal(1, resources.Dataset!.VersionNumber);
    }

    [Theory]
    [InlineData("dataset_ingest", typeof(DatasetIngestResources))]
    [InlineData("train", typeof(TrainResources))]
    [InlineData("infer_sync", typeof(InferenceResources))]
    [InlineData("infer_batch", typeof(InferenceResources))]
    [InlineData("explain", typeof(JobResources))]
    public void Chooses_the_resources_class_by_its_type(string type, Type expected)
    {
        var job = Read(Job($"\"resources\":{{\"type\":\"{type}\",\"dataset\":{{\"id\":\"da7a5e70-0000-4000-8000-000000000001\",\"version_number\":2}}}}"));

        Assert.IsType(expected, job.Resources);
        Assert.Equal(type, job.Resources!.Type);
    }

    [Fact]
    public void Keeps_an_unknown_resources_shape_as_data()
    {
        var job = Read(Job("\"resources\":{\"type\":\"explain\",\"source_job\":{\"id\":\"x\"},\"rows\":[1,2]}"));

        var source = Assert.IsType<ApiDictionary>(job.Resources!.AdditionalProperties["source_job"]);
        Assert.Equal("x", source["id"]);
        Assert.Equal(new object[] { 1L, 2L }, job.Resources.AdditionalProperties["rows"]);
    }

    [Fact]
    public void Reads_the_discriminator_even_when_it_comes_last()
    {
        var job = Read(Job("\"resources\":{\"dataset\":{\"id\":\"da7a5e70-0000-4000-8000-000000000001\",\"version_id\":null,\"version_number\":7},\"type\":\"dataset_ingest\"}"));

        var ingest = Assert.IsType<DatasetIngestResources>(job.Resources);
        Assert.Equal(7, ingest.Dataset!.VersionNumber);
        Assert.Null(ingest.Dataset.VersionId);
    }

    [Fact]
    public void Turns_free_form_input_into_values_PowerShell_reads_naturally()
    {
        var input = Assert.IsType<ApiDictionary>(Read(JobDocuments.FullTrain).Input);

        Assert.Equal("churn", input["model_name"]);
        Assert.Equal(new object[] { "a", "b" }, input["input_columns"]);
        Assert.IsType<long>(input["epochs"]);
        Assert.IsType<double>(input["rate"]);
        Assert.Equal(true, input["balanced"]);
        Assert.True(input.Contains("note"));
        Assert.Null(input["note"]);
        // Keys keep the API's order and match in any case, as PowerShell property access does.
        Assert.Equal(new[] { "model_name", "input_columns", "epochs", "rate", "balanced", "note", "nested" }, input.Keys.Cast<string>());
        var deep = (ApiDictionary)((ApiDictionary)input["NESTED"]!)["deep"]!;
        Assert.Equal(1L, deep["X"]);
    }

    [Fact]
    public void Keeps_unknown_fields_reachable()
    {
        var job = Read(Job("\"queue_position\":3,\"labels\":{\"team\":\"ml\"},\"status\":\"queued\""));

        Assert.Equal(3L, job.AdditionalProperties["queue_position"]);
        Assert.Equal("ml", ((IDictionary)job.AdditionalProperties["labels"]!)["team"]);
        Assert.Equal("queued", job.Status);
    }

    [Fact]
    public void Leaves_absent_fields_null()
    {
        var job = Read(Job(""));

        Assert.Null(job.Type);
        Assert.Null(job.Status);
        Assert.Null(job.CreatedAt);
        Assert.Null(job.CreatedBy);
        Assert.Null(job.Input);
        Assert.Null(job.Resources);
        Assert.Null(job.CreditsConsumed);
        Assert.Null(job.Progress);
        Assert.Null(job.EstimatedSecondsRemaining);
        Assert.False(job.IsTerminal);
        Assert.Null(job.Duration);
        Assert.Null(job.EstimatedCompletion);
    }

    [Fact]
    public void Keeps_explicit_nulls_null()
    {
        var job = Read(Job("\"started_at\":null,\"created_by\":null,\"input\":null,\"resources\":null,\"credits_consumed\":null,\"progress\":null,\"error_message\":null"));

        Assert.Null(job.StartedAt);
        Assert.Null(job.CreatedBy);
        Assert.Null(job.Input);
        Assert.Null(job.Resources);
        Assert.Null(job.CreditsConsumed);
        Assert.Null(job.Progress);
        Assert.Null(job.ErrorMessage);
    }

    [Fact]
    public void Passes_an_unknown_status_and_type_through()
    {
        var job = Read(Job("\"status\":\"paused_for_review\",\"type\":\"fine_tune\""));

        Assert.Equal("paused_for_review", job.Status);
        Assert.Equal("fine_tune", job.Type);
        Assert.False(job.IsTerminal);
    }

    [Theory]
    [InlineData("succeeded", true)]
    [InlineData("failed", true)]
    [InlineData("canceled", true)]
    [InlineData("rejected", true)]
    [InlineData("initializing", false)]
    [InlineData("pending", false)]
    [InlineData("queued", false)]
    [InlineData("running", false)]
    [InlineData("waiting_for_upload", false)]
    public void Knows_which_states_are_terminal(string status, bool terminal) =>
        Assert.Equal(terminal, Read(Job($"\"status\":\"{status}\"")).IsTerminal);

    [Fact]
    public void Accepts_numbers_sent_as_strings()
    {
        var job = Read(Job("\"credits_consumed\":\"7.25\",\"progress\":\"\"" ));

        Assert.Equal(7.25, job.CreditsConsumed);
        Assert.Null(job.Progress);
    }

    [Theory]
    [InlineData("\"progress\":\"lots\"", "progress")]
    [InlineData("\"credits_consumed\":{}", "credits_consumed")]
    [InlineData("\"created_at\":\"yesterday-ish\"", "created_at")]
    [InlineData("\"created_at\":12", "created_at")]
    [InlineData("\"status\":[\"a\"]", "status")]
    [InlineData("\"resources\":{\"type\":\"train\",\"model\":{\"id\":\"not-a-uuid\"}}", "resources.model.id")]
    [InlineData("\"resources\":{\"type\":\"train\",\"model\":{\"version_number\":1.5}}", "resources.model.version_number")]
    [InlineData("\"resources\":[1]", "resources")]
    public void Names_the_field_when_a_value_has_the_wrong_type(string fields, string field)
    {
        var error = Assert.Throws<JsonException>(() => Read(Job(fields)));
        Assert.Contains("'" + field + "'", error.Message);
    }

    [Theory]
    [InlineData("{\"type\":\"train\"}")]
    [InlineData("{\"job_id\":\"42\"}")]
    [InlineData("{\"job_id\":null}")]
    [InlineData("[]")]
    public void Refuses_a_job_without_a_valid_id(string json) =>
        Assert.Throws<JsonException>(() => Read(json));

    [Fact]
    public void Reads_a_time_without_offset_as_utc()
    {
        var job = Read(Job("\"created_at\":\"2026-11-07T05:31:56.123456\""));

        Assert.Equal(TimeSpan.Zero, job.CreatedAt!.Value.Offset);
        Assert.Equal(new DateTime(2026, 11, 7, 5, 31, 56, 123).AddTicks(4560), job.CreatedAt.Value.UtcDateTime);
    }

    [Fact]
    public void Computes_duration_from_start_to_finish()
    {
        var job = Read(Job("\"status\":\"succeeded\",\"started_at\":\"2026-01-01T10:00:00Z\",\"finished_at\":\"2026-01-01T10:30:15Z\""));

        Assert.Equal(TimeSpan.FromSeconds(30 * 60 + 15), job.Duration);
    }

    [Fact]
    public void Computes_the_estimated_completion_from_retrieval_time()
    {
        var job = Read(Job("\"status\":\"running\",\"estimated_seconds_remaining\":120"));
        job.RetrievedAt = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 2, 0, TimeSpan.Zero), job.EstimatedCompletion);
    }

    [Fact]
    public void Gives_no_estimated_completion_once_the_job_ended()
    {
        var job = Read(Job("\"status\":\"succeeded\",\"estimated_seconds_remaining\":0"));

        Assert.Null(job.EstimatedCompletion);
    }

    [Fact]
    public void Prints_as_its_job_id_so_it_can_stand_where_an_id_is_expected() =>
        Assert.Equal(JobDocuments.JobId, Read(Job("\"status\":\"running\"")).ToString());
}
