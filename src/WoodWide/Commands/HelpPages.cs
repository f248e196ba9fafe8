namespace WoodWide.Commands
{
    /// <summary>
    /// Where each cmdlet's page is online, for Get-Help -Online: its Markdown page in the project's repository (the
    /// ProjectUri of the manifest), the source the shipped help is built from.
    /// </summary>
    internal static class HelpPages
    {
        public const string Base = "https://github.com/woodwide/woodwide-powershell/blob/main/docs/en-US/";
    }
}
