using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace WoodWide.Client
{
    /// <summary>The filters of a job listing, sent as query parameters (and applied again client-side by the cmdlet).</summary>
    public sealed class JobListQuery
    {
        public string? Status { get; set; }
        public string? Type { get; set; }
        public int? Limit { get; set; }

        public string ToRelativeUri(KeyValuePair<string, string>? next)
        {
            var query = new StringBuilder("jobs");
            var separator = '?';
            void Add(string name, string? value)
            {
                if (string.IsNullOrEmpty(value)) return;
                query.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
            Add("status", Status);
            Add("type", Type);
            Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
            if (next is KeyValuePair<string, string> pair) Add(pair.Key, pair.Value);
            return query.ToString();
        }
    }
}
