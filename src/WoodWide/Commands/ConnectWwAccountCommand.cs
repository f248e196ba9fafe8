using System;
using System.Management.Automation;
using System.Security;
using WoodWide.Client;
using WoodWide.Session;

namespace WoodWide.Commands
{
    /// <summary>
    /// Checks a key with one request and keeps it, with its base URI, for the rest of the process: later calls need
    /// neither -ApiKey nor the environment. Prompts for the key (without echoing it) when none is given.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "WwAccount")]
    [OutputType(typeof(WwContext))]
    public sealed class ConnectWwAccountCommand : WwCmdlet
    {
        // The key to check is this one or a prompted one, never a session's or the environment's.
        protected override void BeginProcessing() => Connect(ApiKey ?? Prompt(), session: null);

        protected override void EndProcessing()
        {
            JobPage page;
            try
            {
                // One cheap request proves the key and the base URI before anything is kept.
                page = Await(Client.ListJobsAsync(new JobListQuery { Limit = 1 }, null, CancelToken));
            }
            catch (WwApiException e)
            {
                ThrowTerminatingError(ApiErrors.ToErrorRecord(e, Client.Connection.BaseUri.ToString(), null));
                return;
            }
            var reached = $"{Client.Connection.BaseUri.Authority}: key accepted, " +
                          (page.Items.Count == 0 ? "no jobs yet" : "jobs visible");
            var session = new WwSession(Client.Connection.ApiKey, Client.Connection.BaseUri, DateTimeOffset.UtcNow, reached);
            WwSession.Current = session;
            WriteObject(new WwContext(Client.Connection.BaseUri, "Session", session.ConnectedAt, reached));
        }

        private SecureString Prompt()
        {
            try
            {
                Host.UI.Write("Wood Wide API key: ");
                var key = Host.UI.ReadLineAsSecureString();
                if (key != null && key.Length > 0) return key;
            }
            catch (Exception e) when (e is System.Management.Automation.Host.HostException || e is PSInvalidOperationException || e is NotImplementedException)
            {
                // A host that cannot prompt (pwsh -NonInteractive, a job): fall through to the error below.
            }
            ThrowConnectionError(new ConnectionException("WwApiKeyMissing",
                "No key was given. Pass -ApiKey (a SecureString, e.g. (Get-Secret WoodWideApiKey)), or run " +
                "Connect-WwAccount where it can prompt for one."));
            throw new InvalidOperationException("unreachable");
        }
    }
}
