using System;

namespace WoodWide.Model
{
    /// <summary>
    /// One row of results (a prediction, a cluster label, an anomaly score): its columns as properties in the API's
    /// order, numbers as numbers. Rows of one set share their <see cref="ResultColumns"/>, so a row costs its values
    /// and little more. <c>$row.JobId</c> and <c>$row.Inference</c> say where it is from, without being listed.
    /// </summary>
    public sealed class ResultRow : ApiObject
    {
        private readonly ResultColumns _columns;
        private readonly object?[] _values;

        internal ResultRow(ResultColumns columns, object?[] values)
        {
            _columns = columns;
            _values = values;
        }

        /// <summary>The value of column <paramref name="index"/>; null where this row has none.</summary>
        internal object? this[int index] => index < _values.Length ? _values[index] : null;

        internal Guid? JobId => _columns.JobId;

        internal InferenceInfo? Inference => _columns.Inference;

        internal ResultColumns Columns => _columns;

        internal override IApiShape Shape => _columns;
    }
}
