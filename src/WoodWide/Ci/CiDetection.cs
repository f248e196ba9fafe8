using System;

namespace WoodWide.Ci
{
    /// <summary>The CI systems whose own log commands and summaries a wait writes.</summary>
    public enum CiKind
    {
        None,
        GitHub,
        Azure,
    }

    /// <summary>
    /// Which CI system a command runs under, from the environment (looked up through the function given, so tests pass
    /// their own): GitHub Actions sets GITHUB_ACTIONS=true, Azure Pipelines TF_BUILD=True. WOODWIDE_CI turns it off
    /// (off, false, 0, none) or names the system (github, azure) where detection does not.
    /// </summary>
    public static class CiDetection
    {
        /// <summary>The variable that switches the CI output off, or picks the system.</summary>
        public const string Switch = "WOODWIDE_CI";

        public static CiKind Detect(Func<string, string?> environment)
        {
            if (environment is null) throw new ArgumentNullException(nameof(environment));
            switch (environment(Switch)?.Trim().ToLowerInvariant())
            {
                case "off": case "false": case "0": case "no": case "none":
                    return CiKind.None;
                case "github": case "github-actions":
                    return CiKind.GitHub;
                case "azure": case "azure-pipelines":
                    return CiKind.Azure;
            }
            if (IsTrue(environment("GITHUB_ACTIONS"))) return CiKind.GitHub;
            if (IsTrue(environment("TF_BUILD"))) return CiKind.Azure;
            return CiKind.None;
        }

        /// <summary>The dialect of the system detected; null outside a CI system.</summary>
        public static CiDialect? Dialect(Func<string, string?> environment) => Detect(environment) switch
        {
            CiKind.GitHub => new GitHubDialect(environment),
            CiKind.Azure => new AzureDialect(environment),
            _ => null,
        };

        private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }
}
