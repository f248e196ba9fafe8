namespace WoodWide.Model
{
    /// <summary>Resources of a train job: the model version it trains, and the dataset version it trains on.</summary>
    public sealed class TrainResources : JobResources
    {
        private static readonly ApiShape<TrainResources> TrainShape = new ApiShape<TrainResources>()
            .Field("type", nameof(Type), r => r.Type)
            .Field("model", nameof(Model), r => r.Model)
            .Field("dataset", nameof(Dataset), r => r.Dataset);

        internal VersionRef? Model { get; set; }
        internal VersionRef? Dataset { get; set; }

        internal override IApiShape Shape => TrainShape;

        internal override string Summary => $"{Type} model {Model?.Summary}";
    }
}
