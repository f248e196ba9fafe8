using System.Collections;
using System.IO;
using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>
    /// Binds a -Path from what a user passes or pipes in as PowerShell users expect: text as it is (a pattern), and
    /// files (Get-ChildItem's FileInfo) as their full path with any wildcard character escaped, so a file named
    /// data[1].csv is that file and not a pattern; any other object (a CSV row, a [pscustomobject] with ModelId and
    /// Path) not by value, so that PowerShell goes on to bind its properties by name instead of taking its text,
    /// "@{ModelId=…}", for a path. A list becomes a string[], each element taken so.
    /// </summary>
    public sealed class LocalPathAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = Unwrap(inputData);
            if (value is string || value is not IList list) return One(value);
            var paths = new string?[list.Count];
            for (var i = 0; i < paths.Length; i++) paths[i] = One(Unwrap(list[i]));
            return paths;
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        private static string? One(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return text;
                case FileSystemInfo file:
                    return WildcardPattern.Escape(file.FullName);
                default:
                    // Marked as a failed cast: PowerShell, binding pipeline input by value, then binds the object's
                    // properties by name (Path, PSPath, DatasetId…) instead of stopping here.
                    var message = $"A {value.GetType().Name} is not a path; its properties are bound by name instead.";
                    throw new ArgumentTransformationMetadataException(message, new PSInvalidCastException(message));
            }
        }
    }
}
