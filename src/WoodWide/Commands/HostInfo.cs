using System;
using System.Collections;
using System.Management.Automation;
using System.Threading;
using WoodWide.Client;

namespace WoodWide.Commands
{
    /// <summary>
    /// What the module needs to know of its host: the PowerShell edition and version for the User-Agent (read once from
    /// $PSVersionTable), and whether the host draws progress bars where the user sees them.
    /// </summary>
    internal static class HostInfo
    {
        private static int _captured;

        public static void Capture(PSCmdlet cmdlet)
        {
            if (Interlocked.Exchange(ref _captured, 1) == 1) return;
            if (cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") is Hashtable table)
                HttpClientCache.UserAgent = ProductInfo.UserAgent($"PowerShell {table["PSVersion"]}; {table["PSEdition"]}");
        }

        /// <summary>Whether this command's bars are drawn: the rule below, on what the command's host and session say.</summary>
        public static bool DrawsBars(PSCmdlet cmdlet)
        {
            var progress = cmdlet.MyInvocation.BoundParameters.TryGetValue("ProgressAction", out var given) ? given
                : cmdlet.SessionState.PSVariable.GetValue("ProgressPreference");
            return DrawsBars(cmdlet.Host?.Name, Console.IsOutputRedirected, progress as ActionPreference?);
        }

        /// <summary>
        /// The console host draws bars only while its output goes to a terminal (redirected, as in a CI step, it draws
        /// none); the editors' hosts draw them in a pane of their own. Any other host (a job's, a hosted runspace's, a
        /// remote session's) is not known to, and a progress preference that silences them means none are drawn.
        /// </summary>
        public static bool DrawsBars(string? hostName, bool outputRedirected, ActionPreference? progress)
        {
            if (progress is ActionPreference.SilentlyContinue or ActionPreference.Ignore) return false;
            return hostName switch
            {
                "ConsoleHost" => !outputRedirected,
                "Visual Studio Code Host" or "Windows PowerShell ISE Host" => true,
                _ => false,
            };
        }
    }
}
