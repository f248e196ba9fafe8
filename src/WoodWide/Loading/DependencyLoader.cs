using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace WoodWide.Loading
{
    /// <summary>
    /// On Windows PowerShell 5.1 (.NET Framework), answers the loader's requests for System.Text.Json and its
    /// dependency closure from the module's Dependencies folder, whatever version was asked for: a binding redirect in
    /// code, since a module cannot bring an app.config. PowerShell 7 has all of these in its runtime, and this does
    /// nothing there. The model is platyPS's module initializer.
    /// </summary>
    public sealed class DependencyLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? ".";

        private static readonly string Folder = Path.Combine(ModuleFolder, "Dependencies");

        private static bool OnNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        public void OnImport()
        {
            if (OnNetFramework) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (OnNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        /// <summary>Answers only the module's own assemblies: another module asking for its own System.Text.Json is left alone.</summary>
        private static Assembly? Resolve(object? sender, ResolveEventArgs args) =>
            DependencyFiles.IsOwn(Location(args.RequestingAssembly), ModuleFolder, Folder)
            && DependencyFiles.PathFor(args.Name, Folder, File.Exists) is string path
                ? Assembly.LoadFrom(path)
                : null;

        private static string? Location(Assembly? assembly)
        {
            try
            {
                return assembly is null || assembly.IsDynamic ? null : assembly.Location;
            }
            catch (NotSupportedException)
            {
                return null;
            }
        }
    }
}
