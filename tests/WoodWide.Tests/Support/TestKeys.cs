using System.Security;
using WoodWide.Client;

namespace WoodWide.Tests.Support;

internal static class TestKeys
{
    /// <summary>A key-shaped secret that must never show up in any output.</summary>
    public const string Secret = "sk_test_S3cr3tValueThatMustNeverLeak_0123456789abcdef";

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
