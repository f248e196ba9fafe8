using System;
using System.Management.Automation;
using WoodWide.Session;

namespace WoodWide.Commands
{
    /// <summary>Shows what the next call would use (base URI, and where the key comes from), never the key.</summary>
    [Cmdlet(VerbsCommon.Get, "WwContext", HelpUri = HelpPages.Base + "Get-WwContext.md")]
    [OutputType(typeof(WwContext))]
    public sealed class GetWwContextCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var session = WwSession.Current;
            try
            {
                var baseUri = ConnectionResolver.ResolveBaseUri(session, Environment.GetEnvironmentVariable);
                WriteObject(new WwContext(baseUri, ConnectionResolver.KeySource(session, Environment.GetEnvironmentVariable),
                    session?.ConnectedAt, session?.Reached));
            }
            catch (ConnectionException e)
            {
                CommandEnd.Throw(this, ErrorRecords.ForConnection(e));
            }
        }
    }
}
