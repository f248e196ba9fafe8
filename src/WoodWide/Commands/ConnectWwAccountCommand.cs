using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using WoodWide.Client;
using WoodWide.Session;

namespace WoodWide.Commands
{
    /// <summary>
    /// Checks a key with one request and keeps it, with its base URI, for the rest of the process: later calls to that
    /// base URI need neither -ApiKey nor the environment. Prompts for the key (without echoing it) when none is given.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "WwAccount", SupportsShouldProcess = true, HelpUri = HelpPages.Base + "Connect-WwAccount.md")]
    [OutputType(typeof(WwContext))]
    public sealed class ConnectWwAccountCommand : WwCmdlet
    {
        private bool _skipped;

        // The key to check is this one or a prompted one, never a session's or the environment's.
        protected override void BeginProcessing()
        {
            // Asked before the prompt: -WhatIf neither prompts nor sends anything.
            _skipped = !ShouldProcess(Where(), "Check an API key with one request and keep it for this process");
            if (!_skipped) Connect(ApiKey ?? Prompt(), session: null);
        }

        protected override void End()
        {
            if (_skipped) return;
            Page<Model.JobSummary>? page = null;
            var connection = Transport.Connection;
            // One cheap request proves the key and the base URI before anything is kept.
            ForItem(connection.BaseUri.ToString(), $"Checking the key with {connection.BaseUri.Authority}",
                () => page = Await(Jobs.ListAsync(new JobListQuery { Limit = 1 }, null, CancelToken)));
            if (page is null) return;
            var reached = $"{connection.BaseUri.Authority}: key accepted, " + (page.Items.Count == 0 ? "no jobs yet" : "jobs visible");
            var session = new WwSession(connection.ApiKey, connection.BaseUri, DateTimeOffset.UtcNow, reached);
            WwSession.Current = session;
            WriteObject(new WwContext(connection.BaseUri, "Session", session.ConnectedAt, reached));
        }

        /// <summary>The base URI the key will be checked with, as Connect resolves it (no session's): named, not described.</summary>
        private string Where()
        {
            if (BaseUri != null) return BaseUri.ToString();
            try
            {
                return ConnectionResolver.ResolveBaseUri(null, Environment.GetEnvironmentVariable).ToString();
            }
            catch (ConnectionException)
            {
                // Connect says what is wrong with it; the prompt only needs to say where the URI would come from.
                return $"the base URI in {ConnectionResolver.BaseUrlVariable}";
            }
        }

        protected override string StoppedSentence() => "The key was not kept: the session is as it was.";

        private SecureString Prompt()
        {
            string problem;
            try
            {
                // Through the host's own prompt: a host that cannot prompt refuses before it writes anything, so no
                // dangling "key:" is left on the screen.
                var field = new FieldDescription("API key");
                field.SetParameterType(typeof(SecureString));
                var answers = Host.UI.Prompt("Wood Wide", "Enter the API key (it is not shown as you type).",
                    new Collection<FieldDescription> { field });
                if (answers != null && answers.TryGetValue(field.Name, out var answer) && answer?.BaseObject is SecureString key && key.Length > 0)
                    return key;
                problem = "No key was entered.";
            }
            catch (Exception e) when (e is HostException || e is PSInvalidOperationException || e is NotImplementedException)
            {
                // A host that cannot prompt: pwsh -NonInteractive, a job, a runspace with no user interface.
                problem = "No key was given, and this host cannot prompt for one.";
            }
            Report(ErrorRecords.ForConnection(new ConnectionException(ErrorIds.ApiKeyMissing,
                problem + " Pass -ApiKey (a SecureString, e.g. (Get-Secret WoodWideApiKey) or (Read-Host -AsSecureString)).")), null);
            throw new InvalidOperationException("unreachable");
        }
    }
}
