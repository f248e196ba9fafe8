using System.Management.Automation;
using WoodWide.Session;

namespace WoodWide.Commands
{
    /// <summary>Forgets the key and base URI that Connect-WwAccount kept. Calls fall back to the environment.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "WwAccount", SupportsShouldProcess = true, HelpUri = HelpPages.Base + "Disconnect-WwAccount.md")]
    [OutputType(typeof(void))]
    public sealed class DisconnectWwAccountCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var had = WwSession.Current != null;
            if (had && !ShouldProcess($"the session for {WwSession.Current!.BaseUri}", "Forget the key")) return;
            WwSession.Current = null;
            WriteVerbose(had ? "Disconnected: the session's key is forgotten." : "There was no session to disconnect.");
        }
    }
}
