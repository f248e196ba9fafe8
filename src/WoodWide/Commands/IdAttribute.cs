using System;
using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>
    /// Turns what a user passes as an id (text, a Guid, an object's property) into a Guid, or refuses it before any
    /// request with a message that names what kind of id was wanted: "'abc' is not a dataset id".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class IdAttribute : ArgumentTransformationAttribute
    {
        public IdAttribute(string what) => What = what;

        /// <summary>What the id names, for the message: "dataset", "dataset version", "model".</summary>
        public string What { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case Guid id:
                    return id;
                case string text when Guid.TryParse(text, out var parsed) && parsed != Guid.Empty:
                    return parsed;
                default:
                    var shown = value is string s ? (s.Length == 0 ? "(empty)" : $"'{s}'") : $"'{value}'";
                    throw new ArgumentTransformationMetadataException(
                        $"{shown} is not a {What} id. Ids are UUIDs, like 3f2504e0-4f89-41d3-9a0c-0305e82c3301.");
            }
        }
    }
}
