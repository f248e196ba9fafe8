using System.Text.Json;

namespace WoodWide.Client
{
    /// <summary>Reads a JSON answer, positioned on its first token.</summary>
    public delegate T BodyReader<out T>(ref Utf8JsonReader reader);
}
