using System;
using System.Collections.Generic;

namespace WoodWide.Model
{
    /// <summary>
    /// One field as its type declares it, once: the API's name, the .NET property (read and written), and the kind of
    /// value. The PowerShell view, the serialization and the JSON reader are all derived from it.
    /// </summary>
    internal abstract class ApiField<T> : ApiMember
    {
        protected ApiField(string apiName, string clrName, Type type, Func<object, object?> read, bool shown)
            : base(apiName, clrName, type, read)
        {
            IsShown = shown;
        }

        /// <summary>False for a field that is read but never shown or serialized (a signed URL).</summary>
        public bool IsShown { get; }

        /// <summary>True for the object's own id (<see cref="ApiValue.Id"/>), which it must have.</summary>
        public abstract bool IsId { get; }

        /// <summary>True when the object has no usable value here (null, the nil UUID): what a required id must not be.</summary>
        public abstract bool IsMissingIn(T target);

        public abstract TResult Accept<TResult>(IApiFieldVisitor<T, TResult> visitor);
    }

    internal sealed class ApiField<T, TValue> : ApiField<T>
    {
        public ApiField(string apiName, string clrName, Func<T, TValue> get, Action<T, TValue> set, ApiValue<TValue> value, bool shown)
            : base(apiName, clrName, typeof(TValue), o => get((T)o), shown)
        {
            Get = get;
            Set = set;
            Value = value;
        }

        public Func<T, TValue> Get { get; }

        public Action<T, TValue> Set { get; }

        public ApiValue<TValue> Value { get; }

        public override bool IsId => ReferenceEquals(Value, ApiValue.Id);

        public override bool IsMissingIn(T target) => EqualityComparer<TValue>.Default.Equals(Get(target), default!);

        public override TResult Accept<TResult>(IApiFieldVisitor<T, TResult> visitor) => visitor.Visit(this);
    }

    /// <summary>Something made from each field with its value's type known (a JSON reader's step for it).</summary>
    internal interface IApiFieldVisitor<T, TResult>
    {
        TResult Visit<TValue>(ApiField<T, TValue> field);
    }
}
