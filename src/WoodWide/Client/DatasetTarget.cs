using System;

namespace WoodWide.Client
{
    /// <summary>Where an upload goes: a new dataset by name, or a new version (or, with Override, new data) of one by id.</summary>
    public sealed class DatasetTarget
    {
        public string? Name { get; set; }
        public Guid? DatasetId { get; set; }
        public string? Description { get; set; }
        public bool Override { get; set; }
    }
}
