using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>
    /// Ends a command with an error that is about the whole call (no key, a rejected key, a server that cannot be
    /// reached), so that -ErrorAction Stop stops the script as it does for any other error.
    /// </summary>
    /// <remarks>
    /// ThrowTerminatingError alone ends only the statement: PowerShell runs the next line even under -ErrorAction Stop
    /// (Invoke-RestMethod behaves so too), and a CI step whose key is wrong would pass. Under Stop the record is
    /// written instead, which the engine turns into an error that ends the script.
    /// </remarks>
    internal static class CommandEnd
    {
        public static void With(PSCmdlet cmdlet, ErrorRecord record)
        {
            if (Preference(cmdlet) == ActionPreference.Stop) cmdlet.WriteError(record);
            cmdlet.ThrowTerminatingError(record);
        }

        private static ActionPreference Preference(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) && bound is ActionPreference given) return given;
            return cmdlet.SessionState.PSVariable.GetValue("ErrorActionPreference") is ActionPreference inherited ? inherited : ActionPreference.Continue;
        }
    }
}
