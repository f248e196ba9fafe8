using System.Net.Http;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>Handles a successful answer while it is open: reads it, streams it to disk, whatever the caller needs.</summary>
    public delegate Task<T> ResponseHandler<T>(HttpResponseMessage response, Transfer transfer);
}
