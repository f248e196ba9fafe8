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

        /// <summary>
        /// True when the assembly at <paramref name="requesterLocation"/> is one of the module's own: the module's dll or
        /// one it ships in <paramref name="folder"/>. Only their requests are answered, as PSResourceGet does, so another
        /// module's load of an assembly of the same name is never redirected to ours. Null (a load from bytes, or no
        /// requester) is not ours.
        /// </summary>
        public static bool IsOwn(string? requesterLocation, string moduleFolder, string folder)
        {
            if (string.IsNullOrEmpty(requesterLocation)) return false;
            var directory = Path.GetDirectoryName(Path.GetFullPath(requesterLocation));
            return Same(directory, moduleFolder) || Same(directory, folder);
        }

        private static bool Same(string? a, string b) =>
            a != null && string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
                Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), StringComparison.OrdinalIgnoreCase);
    }
}
