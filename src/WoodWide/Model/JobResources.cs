namespace WoodWide.Model
{
    /// <summary>
    /// The typed resources of a job, chosen by <c>resources.type</c>. A type this version does not know arrives as
    /// this base class, with everything it carried as properties of its own.
    /// </summary>
    public class JobResources : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<JobResources> Fields = new ApiShape<JobResources>(() => new JobResources())
            .Field("type", nameof(Type), r => r.Type, (r, x) => r.Type = x, ApiValue.LooseWord);

        internal string? Type { get; set; }

        internal override IApiShape Shape => Fields;

        internal override string Summary => Type ?? string.Empty;
    }
}
