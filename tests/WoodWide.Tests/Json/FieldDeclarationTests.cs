using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WoodWide.Client.Json;
using WoodWide.Model;
using Xunit;

namespace WoodWide.Tests.Json;

/// <summary>
/// Each API type declares its fields once (its static ApiShape <c>Fields</c>); the reader, the PowerShell view and the
/// serialization are derived from that. For every type, an object with every declared field set to a value of its own
/// must read into the field's property, be found by both names, and serialize back to the same value: a field left
/// out of any of the three, or declared with the getter of one property and the setter of another, fails here.
/// </summary>
public class FieldDeclarationTests
{
    public static TheoryData<string> Types()
    {
        var data = new TheoryData<string>();
        foreach (var type in DeclaringTypes()) data.Add(type.Name);
        return data;
    }

    private static IEnumerable<Type> DeclaringTypes() =>
        typeof(ApiObject).Assembly.GetTypes()
            .Where(t => ShapeOf(t) is { } shape && DeclaredOf(shape).Any())
            .OrderBy(t => t.Name);

    private static object? ShapeOf(Type type) =>
        type.GetField("Fields", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)?.GetValue(null) is { } shape
        && shape.GetType().IsGenericType && shape.GetType().GetGenericTypeDefinition() == typeof(ApiShape<>)
            ? shape
            : null;

    private static IEnumerable<ApiMember> DeclaredOf(object shape) =>
        ((IEnumerable)shape.GetType().GetProperty("Declared")!.GetValue(shape)!).Cast<ApiMember>();

    private static object KindOf(ApiMember field) => field.GetType().GetProperty("Value")!.GetValue(field)!;

    private static object? NestedShapeOf(object kind) =>
        ReferenceEquals(kind, ApiValue.Resources) ? TrainResources.Fields : kind.GetType().GetProperty("Shape")!.GetValue(kind);

    private static bool IsShown(ApiMember field) => (bool)field.GetType().GetProperty("IsShown")!.GetValue(field)!;

    [Fact]
    public void Finds_the_declaring_types()
    {
        var names = DeclaringTypes().Select(t => t.Name).ToArray();
        foreach (var expected in new[] { "JobSummary", "JobDetail", "JobPrincipal", "VersionRef", "TrainResources", "DatasetUpload",
                     "DatasetVersion", "ModelTraining", "InferenceStart", "WwModel", "ModelVersion", "UploadTarget" })
            Assert.Contains(expected, names);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_declared_field_is_read_shown_and_serialized(string typeName)
    {
        var type = DeclaringTypes().Single(t => t.Name == typeName);
        typeof(FieldDeclarationTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, new[] { ShapeOf(type) });
    }

    private static void Check<T>(ApiShape<T> shape)
    {
        var counter = 0;
        var json = Document(shape, ref counter);
        using var input = JsonDocument.Parse(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var read = FieldTable<T>.For(shape).Read(ref reader, "a test object", "test object")!;

        // 1. Reading: every declared field's property holds what was sent, and nothing was left over as unknown.
        foreach (var field in DeclaredOf(shape))
            AssertRead(field.Read(read), KindOf(field), input.RootElement.GetProperty(field.ApiName!), field.ApiName!);
        if (read is ApiObject api) Assert.False(api.HasAdditionalProperties, "declared fields were kept as unknown ones");

        // 2. The API-name view: a shown field is listed and found by either name; a hidden one is neither.
        foreach (var field in DeclaredOf(shape))
        {
            if (IsShown(field))
            {
                Assert.Contains(field, shape.Fields);
                Assert.True(shape.TryFind(field.ApiName!, out var byApi) && ReferenceEquals(byApi, field), field.ApiName);
                Assert.True(shape.TryFind(field.ClrName, out var byClr) && ReferenceEquals(byClr, field), field.ClrName);
                Assert.True(shape.TryFind(field.ApiName!.ToUpperInvariant(), out _), field.ApiName + " in another case");
            }
            else
            {
                Assert.DoesNotContain(field, shape.Fields);
                Assert.False(shape.TryFind(field.ApiName!, out _), field.ApiName);
            }
        }
        Assert.Equal(DeclaredOf(shape).Where(IsShown), shape.Fields);

        // 3. Serialization: under the API's names, in the API's order, each value as it was sent; hidden ones not at all.
        if (read is not ApiObject written) return;
        using var output = JsonDocument.Parse(ApiJson.Text(written));
        Assert.Equal(DeclaredOf(shape).Where(IsShown).Select(f => f.ApiName), output.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var field in DeclaredOf(shape).Where(IsShown))
            AssertSame(input.RootElement.GetProperty(field.ApiName!), output.RootElement.GetProperty(field.ApiName!), field.ApiName!);
    }

    /// <summary>A JSON object with every declared field of the shape, each value different from all the others.</summary>
    private static string Document(object shape, ref int counter)
    {
        var parts = new List<string>();
        foreach (var field in DeclaredOf(shape))
        {
            var kind = KindOf(field);
            var value = ReferenceEquals(kind, ApiValue.Resources)
                ? Regex.Replace(Document(TrainResources.Fields, ref counter), "\"type\":\"word-[0-9]+\"", "\"type\":\"train\"")
                : NestedShapeOf(kind) is { } nested ? Document(nested, ref counter) : Value(kind, ++counter);
            parts.Add(JsonSerializer.Serialize(field.ApiName) + ":" + value);
        }
        return "{" + string.Join(",", parts) + "}";
    }

    private static string Value(object kind, int n)
    {
        if (kind == (object)ApiValue.Id || kind == (object)ApiValue.IdOrEmpty || kind == (object)ApiValue.OptionalId)
            return $"\"{new Guid(n, 0x1234, 0x4567, 0x89, 0xab, 0, 0, 0, 0, 0, (byte)n):D}\"";
        if (kind == (object)ApiValue.Text || kind == (object)ApiValue.LooseText) return $"\"text-{n}\"";
        if (kind == (object)ApiValue.Word || kind == (object)ApiValue.LooseWord) return $"\"word-{n}\"";
        if (kind == (object)ApiValue.Time) return $"\"2026-01-02T03:04:{n % 60:00}.5Z\"";
        if (kind == (object)ApiValue.Number) return (n + 0.25).ToString(CultureInfo.InvariantCulture);
        if (kind == (object)ApiValue.WholeNumber) return (n * 1001).ToString(CultureInfo.InvariantCulture);
        if (kind == (object)ApiValue.Json) return $"{{\"k{n}\":[{n},\"s{n}\",{{\"deep\":true}}]}}";
        if (kind == (object)ApiValue.AbsoluteUrl) return $"\"https://storage.test.invalid/{n}?sig=x\"";
        throw new InvalidOperationException($"The test has no value for the kind '{kind}': add one.");
    }

    private static void AssertRead(object? actual, object kind, JsonElement sent, string path)
    {
        if (NestedShapeOf(kind) is { } nested)
        {
            Assert.NotNull(actual);
            if (ReferenceEquals(kind, ApiValue.Resources)) Assert.IsType<TrainResources>(actual);
            foreach (var field in DeclaredOf(nested))
                AssertRead(field.Read(actual!), KindOf(field), sent.GetProperty(field.ApiName!), path + "." + field.ApiName);
            return;
        }
        using var value = JsonDocument.Parse(actual is Uri url ? JsonSerializer.Serialize(url.OriginalString) : ApiJson.Text(actual));
        AssertSame(sent, value.RootElement, path);
    }

    /// <summary>The same JSON value: times as instants, numbers as numbers, objects by their properties.</summary>
    private static void AssertSame(JsonElement expected, JsonElement actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(JsonValueKind.Object, actual.ValueKind);
                var names = actual.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name).OrderBy(n => n), names.OrderBy(n => n));
                foreach (var name in names) AssertSame(expected.GetProperty(name), actual.GetProperty(name), path + "." + name);
                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.EnumerateArray().Count(), actual.EnumerateArray().Count());
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray())) AssertSame(e, a, path + "[]");
                break;
            case JsonValueKind.Number:
                Assert.True(actual.ValueKind == JsonValueKind.Number, $"{path}: {actual}");
                Assert.Equal(expected.GetDouble(), actual.GetDouble());
                break;
            case JsonValueKind.String when DateTimeOffset.TryParse(expected.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                                           && !Guid.TryParse(expected.GetString(), out _):
                Assert.Equal(time, DateTimeOffset.Parse(actual.GetString()!, CultureInfo.InvariantCulture));
                break;
            default:
                Assert.True(expected.ValueKind == actual.ValueKind && expected.ToString() == actual.ToString(), $"{path}: sent {expected}, got {actual}");
                break;
        }
    }

    [Theory]
    [InlineData("training", "")]
    [InlineData("training", "\"job_id\":\"00000000-0000-0000-0000-000000000000\",")]
    [InlineData("inference", "")]
    [InlineData("inference", "\"job_id\":\"00000000-0000-0000-0000-000000000000\",")]
    [InlineData("job", "")]
    [InlineData("job", "\"job_id\":\"00000000-0000-0000-0000-000000000000\",")]
    [InlineData("model", "")]
    [InlineData("model", "\"model_id\":\"00000000-0000-0000-0000-000000000000\",")]
    [InlineData("version", "")]
    [InlineData("version", "\"dataset_version_id\":\"00000000-0000-0000-0000-000000000000\",")]
    public void Every_answer_checks_its_id_the_same_way(string answer, string id)
    {
        var bytes = Encoding.UTF8.GetBytes("{" + id + "\"status\":\"queued\"}");
        var error = Assert.Throws<JsonException>(() =>
        {
            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            _ = answer switch
            {
                "training" => (object)ModelJsonReader.ReadTraining(ref reader),
                "inference" => ModelJsonReader.ReadInferenceStart(ref reader),
                "job" => JobJsonReader.ReadDetail(ref reader),
                "model" => ModelJsonReader.ReadModel(ref reader),
                _ => DatasetJsonReader.ReadVersion(ref reader),
            };
        });
        Assert.Matches("^The [a-z ]+ has no [a-z_]+_id\\.$", error.Message);
    }
}
