using System.Security;
using WoodWide.Client;

namespace WoodWide.Tests.Support;

internal static class TestKeys
{
    /// <summary>A key-shaped secret that must never show up in any output.</summary>
    // Key-shaped but short of a real key (sk_ and ~43 characters), so no secret scanner takes it for one.
    public const string Secret = "sk_test_NeverLeak_7f3a9c1e";

    public static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    public static WwConnection Connection(string baseUri = "https://api.test.invalid/", TimeSpan? timeout = null) =>
        new(new Uri(baseUri), ApiKey.FromPlainText(Secret), timeout);
}
