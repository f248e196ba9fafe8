namespace WoodWide.Model
{
    /// <summary>
    /// The typed resources of a job, chosen by <c>resources.type</c>. A type this version does not know arrives as
    /// this base class, with everything it carried as properties of its own.
    /// </summary>
    public class JobResources : ApiObject
    {
        private static readonly ApiShape<JobResources> BaseShape = new ApiShape<JobResources>()
            .Field("type", nameof(Type), r => r.Type);

        internal string? Type { get; set; }

        internal override IApiShape Shape => BaseShape;

        internal override string Summary => Type ?? string.Empty;
    }
}
