using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using CsCheck;
using WoodWide.Client;
using WoodWide.Client.Json;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Fuzz;

/// <summary>
/// Random and mutated documents through the JSON mapping and the whole client: each must map, or fail as
/// JsonException (the reader) / WwApiException InvalidResponse (the client). Never anything else: a
/// NullReferenceException or an InvalidOperationException here would be a crash of the user's pipeline.
/// Cases that ever broke it are kept in Fuzz/corpus as a regression test.
/// </summary>
public class JsonFuzzTests
{
    private const int Iterations = 20000;

    private static readonly string[] Fields =
    {
        "job_id", "type", "status", "created_at", "started_at", "finished_at", "created_by", "input", "output", "resources",
        "error_message", "woodwide_runtime_version", "credits_consumed", "progress", "estimated_seconds_remaining", "items",
        "next_cursor", "has_more", "type", "dataset", "model", "id", "version_id", "version_number", "principal_type",
    };

    /// <summary>A random JSON value, biased towards the API's own field names and plausible scalars.</summary>
    private static string RandomValue(Random random, int depth)
    {
        switch (random.Next(depth > 4 ? 8 : 11))
        {
            case 0: return "null";
            case 1: return random.Next(2) == 0 ? "true" : "false";
            case 2: return random.Next(-1000, 1000).ToString();
            case 3: return (random.NextDouble() * Math.Pow(10, random.Next(-5, 400))).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            case 4: return JsonSerializer.Serialize(Guid.NewGuid().ToString());
            case 5: return JsonSerializer.Serialize(new[] { "running", "succeeded", "", "2026-11-07T05:31:56Z", "train", "12.5", "x" }[random.Next(7)]);
            case 6: return JsonSerializer.Serialize(new string((char)random.Next(0x20, 0x3000), random.Next(0, 5)));
            case 7: return "\"" + "\\ud800\\u0000\\\"".Substring(0, random.Next(0, 14)).TrimEnd('\\') + "\"";
            case 8:
            case 9:
                var members = Enumerable.Range(0, random.Next(0, 6))
                    .Select(_ => JsonSerializer.Serialize(Fields[random.Next(Fields.Length)]) + ":" + RandomValue(random, depth + 1));
                return "{" + string.Join(",", members) + "}";
            default:
                return "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, depth + 1))) + "]";
        }
    }

    private static readonly Gen<byte[]> RandomDocuments =
        Gen.Int.Select(seed =>
        {
            var random = new Random(seed);
            var body = random.Next(3) == 0
                ? RandomValue(random, 0)
                : "{\"job_id\":" + (random.Next(4) == 0 ? RandomValue(random, 3) : "\"" + JobDocuments.JobId + "\"") + ","
                  + string.Join(",", Enumerable.Range(0, random.Next(0, 12)).Select(_ => JsonSerializer.Serialize(Fields[random.Next(Fields.Length)]) + ":" + RandomValue(random, 1)))
                  + "}";
            return Encoding.UTF8.GetBytes(body.Replace(",}", "}"));
        });

    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(JobDocuments.FullTrain);

    /// <summary>The valid document cut short, with bytes flipped, or with a span replaced by random bytes.</summary>
    private static readonly Gen<byte[]> MutatedDocuments =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, Valid.Length - 1], Gen.Int[1, 16], Gen.Byte.Array[1, 16], (how, at, length, bytes) =>
        {
            var copy = (byte[])Valid.Clone();
            switch (how)
            {
                case 0: return copy.Take(at).ToArray();
                case 1:
                    for (var i = 0; i < bytes.Length && at + i < copy.Length; i++) copy[at + i] ^= bytes[i];
                    return copy;
                default:
                    return copy.Take(at).Concat(bytes).Concat(copy.Skip(Math.Min(copy.Length, at + length))).ToArray();
            }
        });

    internal static void MapsOrRefusesCleanly(byte[] document)
    {
        try
        {
            var reader = new Utf8JsonReader(document);
            if (reader.Read()) JobJsonReader.ReadDetail(ref reader);
        }
        catch (JsonException)
        {
        }
        try
        {
            var reader = new Utf8JsonReader(document);
            if (reader.Read()) PageReader.Read(ref reader, JobJsonReader.ReadSummary, "job list");
        }
        catch (JsonException)
        {
        }
    }

    internal static void ClientMapsOrRefusesCleanly(byte[] document)
    {
        var handler = new ScriptedHandler((_, _) =>
        {
            var content = new ByteArrayContent(document);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        });
        var client = TestClients.Jobs(new HttpClient(handler), RetryPolicy.None);
        try
        {
            var job = client.GetAsync(Guid.Parse(JobDocuments.JobId), CancellationToken.None).GetAwaiter().GetResult();
            Assert.NotEqual(Guid.Empty, job.JobId);
            _ = job.ToString() + job.Duration + job.EstimatedCompletion + job.IsTerminal + job.Resources + job.CreatedBy;
        }
        catch (WwApiException e)
        {
            Assert.Equal(WwErrorKind.InvalidResponse, e.Kind);
        }
    }

    [Fact]
    public void Random_documents_map_or_are_refused_cleanly() =>
        RandomDocuments.Sample(MapsOrRefusesCleanly, iter: Iterations, threads: 1);

    [Fact]
    public void Mutated_documents_map_or_are_refused_cleanly() =>
        MutatedDocuments.Sample(MapsOrRefusesCleanly, iter: Iterations, threads: 1);

    [Fact]
    public void The_client_turns_any_bad_body_into_an_invalid_response() =>
        Gen.OneOf(RandomDocuments, MutatedDocuments).Sample(ClientMapsOrRefusesCleanly, iter: 2000, threads: 1);

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fuzz", "corpus")).OrderBy(f => f))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void The_corpus_maps_or_is_refused_cleanly(string file)
    {
        var document = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fuzz", "corpus", file));

        MapsOrRefusesCleanly(document);
        ClientMapsOrRefusesCleanly(document);
    }
}
