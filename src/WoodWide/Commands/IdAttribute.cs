using System;
using System.Collections;
using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>
    /// Turns what a user passes as an id (text, a Guid, an object's property) into a Guid, or refuses it before any
    /// request with a message that names what kind of id was wanted: "'abc' is not a dataset id". On a Guid[]
    /// parameter (<see cref="Many"/>) each element of a list is turned so.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class IdAttribute : ArgumentTransformationAttribute
    {
        public IdAttribute(string what) => What = what;

        /// <summary>What the id names, for the message: "dataset", "dataset version", "model".</summary>
        public string What { get; }

        /// <summary>The parameter takes several ids (a Guid[]): a list becomes a Guid[], each element checked.</summary>
        public bool Many { get; set; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = Unwrap(inputData);
            if (value is not IList list) return One(value);
            if (!Many)
            {
                if (list.Count == 1) return One(Unwrap(list[0]));
                throw new ArgumentTransformationMetadataException($"{list.Count} {What} ids were given; give one.");
            }
            var ids = new Guid[list.Count];
            for (var i = 0; i < ids.Length; i++) ids[i] = One(Unwrap(list[i])) ?? throw NotAnId("(null)");
            return ids;
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        private Guid? One(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case Guid id:
                    return id;
                case string text when Guid.TryParse(text, out var parsed) && parsed != Guid.Empty:
                    return parsed;
                case string text:
                    throw NotAnId(Echo.Quoted(text));
                default:
                    // Marked as a failed cast, so that PowerShell, binding pipeline input by value, goes on to bind the
                    // object's properties by name (a DatasetUpload's DatasetId) instead of stopping here.
                    var shown = Echo.Quoted(value.ToString());
                    throw new ArgumentTransformationMetadataException(Message(shown), new PSInvalidCastException(Message(shown)));
            }
        }

        private Exception NotAnId(string shown) => new ArgumentTransformationMetadataException(Message(shown));

        private string Message(string shown) => $"{shown} is not a {What} id. Ids are UUIDs, like 3f2504e0-4f89-41d3-9a0c-0305e82c3301.";
    }
}
