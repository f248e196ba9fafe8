using System;

namespace WoodWide.Model
{
    /// <summary>
    /// A dataset as <c>GET /datasets/{dataset_id}</c> or <c>GET /datasets</c> gives it. Neither shape is documented,
    /// so every field is kept as the API sent it, in its order; the few this module relies on are found under the
    /// names the API is likely to use (<see cref="DatasetId"/> from dataset_id or id, <see cref="Name"/> from name
    /// or dataset_name).
    /// </summary>
    public sealed class Dataset : ApiObject
    {
        private static readonly ApiShape<Dataset> DatasetShape = new ApiShape<Dataset>(() => new Dataset())
            .Computed(nameof(DatasetId), d => d.DatasetId)
            .Computed(nameof(Name), d => d.Name);

        internal Guid? DatasetId
        {
            get
            {
                var id = Text("dataset_id") ?? Text("id");
                return Guid.TryParse(id, out var guid) ? guid : (Guid?)null;
            }
        }

        internal string? Name => Text("name") ?? Text("dataset_name");

        internal override IApiShape Shape => DatasetShape;

        internal override string Summary => Name ?? DatasetId?.ToString() ?? string.Empty;

        private string? Text(string field) =>
            HasAdditionalProperties && AdditionalProperties[field] is string text ? text : null;
    }
}
