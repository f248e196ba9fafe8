using System.Runtime.CompilerServices;

namespace WoodWide.Client
{
    /// <summary>
    /// For the loops that read results a token or a byte at a time: compiled fully optimized at once, rather than first
    /// as quick unoptimized code that tiered compilation replaces only after many calls. A runbook reads its results
    /// once per process, so without this most of a first read ran the slow code (measured in build.ps1 bench).
    /// </summary>
    internal static class Hot
    {
        /// <summary>MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name; .NET Framework ignores it.</summary>
        public const MethodImplOptions Loop = (MethodImplOptions)512;
    }
}
