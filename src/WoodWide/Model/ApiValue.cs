using System;

namespace WoodWide.Model
{
    /// <summary>
    /// The kind of value an API field holds, as its declaration in an <see cref="ApiShape{T}"/> names it: a token the
    /// JSON readers (Client/Json) turn into the one way that kind is read, tolerant or strict as the kind says.
    /// </summary>
    internal sealed class ApiValue<TValue>
    {
        internal ApiValue(string name, ApiShape<TValue>? shape = null)
        {
            Name = name;
            Shape = shape;
        }

        public string Name { get; }

        /// <summary>For an object the API nests (a version reference, a principal): its type's declared fields.</summary>
        public ApiShape<TValue>? Shape { get; }

        public override string ToString() => Name;
    }

    /// <summary>The kinds of value the API's fields hold.</summary>
    internal static class ApiValue
    {
        /// <summary>The object's own id: a UUID, and there. An object without it (or with the nil UUID) is refused.</summary>
        public static readonly ApiValue<Guid> Id = new ApiValue<Guid>("the object's id");

        /// <summary>A UUID or null; null and absent read as Guid.Empty.</summary>
        public static readonly ApiValue<Guid> IdOrEmpty = new ApiValue<Guid>("a UUID or none");

        /// <summary>A UUID or null.</summary>
        public static readonly ApiValue<Guid?> OptionalId = new ApiValue<Guid?>("a UUID");

        /// <summary>A string; a number or boolean is taken as its JSON text.</summary>
        public static readonly ApiValue<string?> Text = new ApiValue<string?>("text");

        /// <summary>Text met again and again (a job type or status): the documented values share one string each.</summary>
        public static readonly ApiValue<string?> Word = new ApiValue<string?>("a job type or status");

        /// <summary>Any value as text, as PowerShell would print it (ids whose format is not documented).</summary>
        public static readonly ApiValue<string?> LooseText = new ApiValue<string?>("any value as text");

        /// <summary>Any value as text, the documented job types and statuses as one string each.</summary>
        public static readonly ApiValue<string?> LooseWord = new ApiValue<string?>("any value as a job type");

        /// <summary>An ISO 8601 date-time; without an offset, UTC.</summary>
        public static readonly ApiValue<DateTimeOffset?> Time = new ApiValue<DateTimeOffset?>("a date-time");

        /// <summary>A number, or a string that is one.</summary>
        public static readonly ApiValue<double?> Number = new ApiValue<double?>("a number");

        /// <summary>A whole number, or a string that is one.</summary>
        public static readonly ApiValue<long?> WholeNumber = new ApiValue<long?>("a whole number");

        /// <summary>Free-form JSON, as PowerShell shows it (<see cref="ApiDictionary"/>, object[], long, double…).</summary>
        public static readonly ApiValue<object?> Json = new ApiValue<object?>("any JSON");

        /// <summary>An absolute URL.</summary>
        public static readonly ApiValue<Uri?> AbsoluteUrl = new ApiValue<Uri?>("an absolute URL");

        /// <summary>A job's resources: their own <c>type</c> picks the class, wherever it comes in the object.</summary>
        public static readonly ApiValue<JobResources?> Resources = new ApiValue<JobResources?>("a job's resources");

        /// <summary>An object of a type whose fields are declared in <paramref name="shape"/>.</summary>
        public static ApiValue<TValue?> Object<TValue>(ApiShape<TValue> shape) where TValue : class =>
            new ApiValue<TValue?>(typeof(TValue).Name, shape!);
    }
}
