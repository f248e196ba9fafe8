using System;
using System.Collections.Generic;

namespace WoodWide.Client
{
    /// <summary>What a training asks for: the body of POST /models/train, or of /retrain when <see cref="ModelId"/> is set.</summary>
    public sealed class TrainingRequest
    {
        /// <summary>Retrain this model (its type, label and inputs carry over); null for a new model.</summary>
        public Guid? ModelId { get; set; }

        public string? Name { get; set; }
        public string? ModelType { get; set; }
        public string? Description { get; set; }

        /// <summary>The data: a pinned version, else the dataset's newest ready version.</summary>
        public Guid? DatasetVersionId { get; set; }

        public Guid? DatasetId { get; set; }
        public string? LabelColumn { get; set; }
        public IList<string>? InputColumns { get; set; }
    }
}
