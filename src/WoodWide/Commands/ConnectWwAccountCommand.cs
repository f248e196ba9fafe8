using System;
using System.Management.Automation;
using System.Security;
using WoodWide.Client;
using WoodWide.Session;

namespace WoodWide.Commands
{
    /// <summary>
    /// Checks a key with one request and keeps it, with its base URI, for the rest of the process: later calls to that
    /// base URI need neither -ApiKey nor the environment. Prompts for the key (without echoing it) when none is given.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "WwAccount")]
    [OutputType(typeof(WwContext))]
    public sealed class ConnectWwAccountCommand : WwCmdlet
    {
        // The key to check is this one or a prompted one, never a session's or the environment's.
        protected override void BeginProcessing() => Connect(ApiKey ?? Prompt(), session: null);

        protected override void EndProcessing()
        {
            Page<Model.JobSummary> page;
            try
            {
                // One cheap request proves the key and the base URI before anything is kept.
                page = Await(Jobs.ListAsync(new JobListQuery { Limit = 1 }, null, CancelToken));
            }
            catch (WwApiException e)
            {
                ThrowRequestError(e);
                return;
            }
            var connection = Transport.Connection;
            var reached = $"{connection.BaseUri.Authority}: key accepted, " + (page.Items.Count == 0 ? "no jobs yet" : "jobs visible");
            var session = new WwSession(connection.ApiKey, connection.BaseUri, DateTimeOffset.UtcNow, reached);
            WwSession.Current = session;
            WriteObject(new WwContext(connection.BaseUri, "Session", session.ConnectedAt, reached));
        }

        private SecureString Prompt()
        {
            string problem;
            try
            {
                Host.UI.Write("Wood Wide API key: ");
                var key = Host.UI.ReadLineAsSecureString();
                if (key != null && key.Length > 0) return key;
                problem = "No key was entered.";
            }
            catch (Exception e) when (e is System.Management.Automation.Host.HostException || e is PSInvalidOperationException || e is NotImplementedException)
            {
                // A host that cannot prompt (pwsh -NonInteractive, a job): end the prompt's line, so the error starts its own.
                TryEndLine();
                problem = "No key was given, and this host cannot prompt for one.";
            }
            ThrowTerminatingError(ErrorRecords.ForConnection(new ConnectionException(ErrorIds.ApiKeyMissing,
                problem + " Pass -ApiKey (a SecureString, e.g. (Get-Secret WoodWideApiKey) or (Read-Host -AsSecureString)).")));
            throw new InvalidOperationException("unreachable");
        }

        private void TryEndLine()
        {
            try
            {
                Host.UI.WriteLine();
            }
            catch (Exception e) when (e is System.Management.Automation.Host.HostException || e is NotImplementedException)
            {
                // Nothing was written either, then.
            }
        }
    }
}
