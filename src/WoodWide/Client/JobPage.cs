using System.Collections.Generic;
using WoodWide.Model;

namespace WoodWide.Client
{
    /// <summary>One page of <c>GET /jobs</c>, and how to ask for the next one, if there is one.</summary>
    internal sealed class JobPage
    {
        public List<JobDetail> Items { get; } = new List<JobDetail>();

        /// <summary>A link to the next page (absolute, or relative to the base URI), when the API gave one.</summary>
        public string? NextLink { get; set; }

        /// <summary>A query parameter that asks for the next page (e.g. cursor=…), when the API gave a token.</summary>
        public KeyValuePair<string, string>? NextParameter { get; set; }

        public bool HasNext => NextLink != null || NextParameter != null;
    }
}
