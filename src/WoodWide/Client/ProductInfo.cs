using System.Reflection;

namespace WoodWide.Client
{
    internal static class ProductInfo
    {
        public static readonly string Version =
            typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(ProductInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        /// <summary>"WoodWide/0.1.0 (PowerShell 7.6.9; Core)": the host part is given by the cmdlet layer.</summary>
        public static string UserAgent(string? host) =>
            string.IsNullOrEmpty(host) ? $"WoodWide/{Version}" : $"WoodWide/{Version} ({host})";
    }
}
