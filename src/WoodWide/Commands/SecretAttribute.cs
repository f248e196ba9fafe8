using System.Management.Automation;
using System.Security;

namespace WoodWide.Commands
{
    /// <summary>
    /// Takes the key as a SecureString, or from a PSCredential's password; refuses plain text with a message that says
    /// how to pass one, rather than PowerShell's own about converting a string.
    /// </summary>
    public sealed class SecretAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
            (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
            {
                null => null,
                SecureString secret => secret,
                PSCredential credential => credential.Password,
                _ => throw new ArgumentTransformationMetadataException(
                    "-ApiKey takes a SecureString, so the key never sits in plain text: (Get-Secret WoodWideApiKey), " +
                    "(Read-Host -AsSecureString), or (ConvertTo-SecureString $text -AsPlainText -Force). Or set the " +
                    "WOODWIDE_API_KEY environment variable, or run Connect-WwAccount once."),
            };
    }
}
