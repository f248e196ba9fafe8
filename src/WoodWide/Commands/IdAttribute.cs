using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>
    /// Turns what a user passes as an id (text, a Guid, a list of them) into Guids, or refuses text that is not one
    /// before any request, with a message that names what kind of id was wanted: "'abc' is not a dataset id".
    /// </summary>
    /// <remarks>
    /// Any other object is passed on untouched, for the binder to refuse: an object piped in is first tried as the id
    /// itself, and must fall through to its properties (a JobDetail binds by its ModelId), not end the binding.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class IdAttribute : ArgumentTransformationAttribute
    {
        public IdAttribute(string what) => What = what;

        /// <summary>What the id names, for the message: "dataset", "dataset version", "model".</summary>
        public string What { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = Unwrap(inputData);
            if (value is string || value is Guid || value is null) return One(value);
            if (value is not IEnumerable list) return inputData;
            var ids = new List<Guid>();
            foreach (var item in list)
            {
                var element = Unwrap(item);
                if (!(element is string || element is Guid)) return inputData;
                ids.Add((Guid)One(element)!);
            }
            return ids.ToArray();
        }

        private object? One(object? value)
        {
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

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
