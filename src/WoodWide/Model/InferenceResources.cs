namespace WoodWide.Model
{
    /// <summary>Resources of infer_sync and infer_batch jobs: the model version, and the dataset version when one was used.</summary>
    public sealed class InferenceResources : JobResources
    {
        private static readonly ApiShape<InferenceResources> InferenceShape = new ApiShape<InferenceResources>()
            .Field("type", nameof(Type), r => r.Type)
            .Field("model", nameof(Model), r => r.Model)
            .Field("dataset", nameof(Dataset), r => r.Dataset);

        internal VersionRef? Model { get; set; }
        internal VersionRef? Dataset { get; set; }

        internal override IApiShape Shape => InferenceShape;

        internal override string Summary => $"{Type} model {Model?.Summary}";
    }
}
