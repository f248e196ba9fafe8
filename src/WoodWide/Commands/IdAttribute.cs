using System;
using System.Collections;
using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>
    /// Takes what a user passes as an id (text, a Guid, an object's property) as the text of an id, or a list of them on
    /// a string[] parameter, without judging it: whether it is an id is the command's to say, per item, by the one rule
    /// of <see cref="Ids"/>, so one bad id among good ones is that id's error and the others are fetched.
    /// </summary>
    /// <remarks>
    /// An object that is neither text nor a Guid is refused as a failed cast, so that PowerShell, binding pipeline input
    /// by value, goes on to bind the object's properties by name (a DatasetUpload's DatasetId, a PSCustomObject's Guid
    /// JobId) instead of binding the object's own text ("@{JobId=…}") as if it were an id.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class IdAttribute : ArgumentTransformationAttribute
    {
        public IdAttribute(string what) => What = what;

        /// <summary>What the id names, for the message: "job", "dataset", "dataset version", "model".</summary>
        public string What { get; }

        /// <summary>The parameter takes several ids (a string[]): a list becomes a string[], each element taken so.</summary>
        public bool Many { get; set; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = Unwrap(inputData);
            if (value is string || value is not IList list) return Many && value != null ? new[] { One(value) } : One(value);
            if (!Many)
            {
                if (list.Count == 1) return One(Unwrap(list[0]));
                throw new ArgumentTransformationMetadataException($"{list.Count} {What} ids were given; give one.");
            }
            var ids = new string?[list.Count];
            for (var i = 0; i < ids.Length; i++) ids[i] = One(Unwrap(list[i]));
            return ids;
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        private string? One(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return text;
                case Guid id:
                    return id.ToString();
                default:
                    var message = Ids.NotAnId(What, value.ToString());
                    throw new ArgumentTransformationMetadataException(message, new PSInvalidCastException(message));
            }
        }
    }
}
