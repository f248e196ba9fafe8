using System.Diagnostics.CodeAnalysis;
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
        /// <summary>Ends the command with the record: it always throws, and never returns.</summary>
        [DoesNotReturn]
        public static void Throw(PSCmdlet cmdlet, ErrorRecord record)
        {
            if (Preference(cmdlet) == ActionPreference.Stop) cmdlet.WriteError(record);
            cmdlet.ThrowTerminatingError(record);
            // ThrowTerminatingError always throws; the compiler cannot know it, so this line says it.
            throw new PipelineStoppedException();
        }

        private static ActionPreference Preference(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) && bound is ActionPreference given) return given;
            return cmdlet.SessionState.PSVariable.GetValue("ErrorActionPreference") is ActionPreference inherited ? inherited : ActionPreference.Continue;
        }
    }
}
