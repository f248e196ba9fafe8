using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace WoodWide.Tests.Support;

/// <summary>
/// A host whose screen is a string and whose keyboard is a script: what a prompt shows and what the user types, or
/// a host that cannot prompt at all (as pwsh -NonInteractive).
/// </summary>
internal sealed class TestHost : PSHost
{
    private readonly TestHostUI _ui;

    public TestHost(string? typed, bool canPrompt = true) => _ui = new TestHostUI(typed, canPrompt);

    /// <summary>Everything written to the host, as it would show.</summary>
    public string Screen => _ui.Screen.ToString();

    /// <summary>Every progress record the host was given, in order: those written through the pipeline, and those a
    /// stopped command hands to the host directly (the pipeline's stream takes none after a stop).</summary>
    public List<ProgressRecord> Progress => _ui.Progress;

    public override string Name => "WoodWideTestHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class TestHostUI : PSHostUserInterface
    {
        private readonly string? _typed;
        private readonly bool _canPrompt;

        public TestHostUI(string? typed, bool canPrompt)
        {
            _typed = typed;
            _canPrompt = canPrompt;
        }

        public StringBuilder Screen { get; } = new();

        public override PSHostRawUserInterface? RawUI => null;

        public override SecureString ReadLineAsSecureString()
        {
            if (!_canPrompt) throw new PSInvalidOperationException("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.");
            var secret = new SecureString();
            foreach (var c in _typed ?? string.Empty) secret.AppendChar(c);
            Screen.AppendLine();
            return secret;
        }

        public override string ReadLine() => ReadLineAsSecureString().Length.ToString(CultureInfo.InvariantCulture);
        public override void Write(string value) => Screen.Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Screen.Append(value);
        public override void WriteLine(string value) => Screen.AppendLine(value);
        public override void WriteErrorLine(string value) => Screen.AppendLine(value);
        public override void WriteDebugLine(string message) => Screen.AppendLine(message);
        public override void WriteVerboseLine(string message) => Screen.AppendLine(message);
        public override void WriteWarningLine(string message) => Screen.AppendLine(message);
        public List<ProgressRecord> Progress { get; } = new();
        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            lock (Progress) Progress.Add(record);
        }
        /// <summary>Writes the caption, the message and each field's label, as the console host does, and answers each with the typed text.</summary>
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            if (!_canPrompt) throw new PSInvalidOperationException("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.");
            Screen.AppendLine(caption).AppendLine(message);
            var answers = new Dictionary<string, PSObject>();
            foreach (var field in descriptions)
            {
                Screen.Append(field.Name + ": ");
                answers[field.Name] = new PSObject(ReadLineAsSecureString());
            }
            return answers;
        }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();
    }
}
