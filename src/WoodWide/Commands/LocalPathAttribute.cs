using System.IO;
using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>
    /// Binds a -Path from what a user pipes in as PowerShell users expect: text and files (Get-ChildItem's FileInfo)
    /// by value; any other object (a CSV row, a [pscustomobject] with ModelId and DatasetId) not by value, so that
    /// PowerShell goes on to bind its properties by name instead of taking its text, "@{ModelId=…}", for a path.
    /// </summary>
    public sealed class LocalPathAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                case string _:
                    return value;
                case FileSystemInfo file:
                    return file.FullName;
                default:
                    // Marked as a failed cast: PowerShell, binding pipeline input by value, then binds the object's
                    // properties by name (Path, FullName, DatasetId…) instead of stopping here.
                    var message = $"A {value.GetType().Name} is not a path; its properties are bound by name instead.";
                    throw new ArgumentTransformationMetadataException(message, new PSInvalidCastException(message));
            }
        }
    }
}
