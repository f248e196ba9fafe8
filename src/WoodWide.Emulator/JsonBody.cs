using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>A JSON request body and its fields, with the FastAPI-style 422 the API gives when one is missing or wrong.</summary>
internal static class JsonBody
{
    /// <summary>The body as an object; null after a 422 has been sent.</summary>
    public static async Task<JsonObject?> ReadAsync(HttpContext context)
    {
        try
        {
            if (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) is JsonObject body) return body;
        }
        catch (JsonException)
        {
        }
        await Answer.Send(context, 422, JobWire.ValidationProblem("json_invalid", ["body"], "JSON decode error", ""));
        return null;
    }

    /// <summary>A string field as sent, an empty one included; null when absent or not a string.</summary>
    public static string? AsSent(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A string field with something in it; null when absent, empty or not a string.</summary>
    public static string? Text(JsonObject body, string name) => AsSent(body, name) is { Length: > 0 } s ? s : null;

    /// <summary>Every scalar field as text, as a form's fields are.</summary>
    public static Dictionary<string, string> Fields(JsonObject body) =>
        body.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString());

    /// <summary>A uuid field: (null, true) when absent, (id, true) when valid, (null, false) when not a uuid.</summary>
    public static (Guid? Id, bool Valid) Id(JsonObject body, string name) =>
        Text(body, name) is not { } text ? (null, body[name] is null)
        : Guid.TryParse(text, out var id) ? (id, true)
        : (null, false);

    public static string[]? Texts(JsonObject body, string name) =>
        body[name] is JsonArray list ? list.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToArray() : null;

    public static Task Missing(HttpContext context, string field) =>
        Answer.Send(context, 422, JobWire.ValidationProblem("missing", ["body", field], "Field required", ""));

    public static Task NotUuid(HttpContext context, string where, string field, string input) =>
        Answer.Send(context, 422, JobWire.ValidationProblem("uuid_parsing", [where, field], "Input should be a valid UUID", input));

    public static Task NotOneOf(HttpContext context, string where, string field, IEnumerable<string> allowed, string input) =>
        Answer.Send(context, 422, JobWire.ValidationProblem("enum", [where, field],
            "Input should be " + string.Join(", ", allowed.Select(a => $"'{a}'")), input));
}
