using System.Collections;
using System.Management.Automation;
using System.Threading;
using WoodWide.Client;

namespace WoodWide.Commands
{
    /// <summary>Names the PowerShell edition and version in the User-Agent, read once from $PSVersionTable.</summary>
    internal static class HostInfo
    {
        private static int _captured;

        public static void Capture(PSCmdlet cmdlet)
        {
            if (Interlocked.Exchange(ref _captured, 1) == 1) return;
            if (cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") is Hashtable table)
                HttpClientCache.UserAgent = ProductInfo.UserAgent($"PowerShell {table["PSVersion"]}; {table["PSEdition"]}");
        }
    }
}
