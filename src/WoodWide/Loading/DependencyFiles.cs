using System;
using System.IO;
using System.Reflection;

namespace WoodWide.Loading
{
    /// <summary>Which shipped file answers a request for an assembly (see <see cref="DependencyLoader"/>).</summary>
    internal static class DependencyFiles
    {
        /// <summary>The file in <paramref name="folder"/> that answers a request for <paramref name="assemblyName"/>, by simple name only.</summary>
        public static string? PathFor(string assemblyName, string folder, Func<string, bool> exists)
        {
            string? simple;
            try
            {
                simple = new AssemblyName(assemblyName).Name;
            }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException)
            {
                return null;
            }
            if (string.IsNullOrEmpty(simple) || simple!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || simple.Contains(".."))
                return null;
            var path = Path.Combine(folder, simple + ".dll");
            return exists(path) ? path : null;
        }
    }
}
