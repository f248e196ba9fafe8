using System;
using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>Job ids arrive as text (typed, from CSV, from objects); each is checked before any request.</summary>
    internal static class JobIds
    {
        /// <summary>The ids bound to -Id. A $null from the pipeline binds as a null array: it is still one (bad) id.</summary>
        public static string?[] Each(string?[]? bound) => bound ?? new string?[] { null };

        public static bool TryParse(string? text, out Guid id)
        {
            id = Guid.Empty;
            return !string.IsNullOrWhiteSpace(text) && Guid.TryParse(text, out id) && id != Guid.Empty;
        }

        public static ErrorRecord Invalid(string? text)
        {
            var shown = text is null ? "(null)" : text.Length == 0 ? "(empty)" : $"'{text}'";
            var message = $"{shown} is not a job id. Job ids are UUIDs, like 3f2504e0-4f89-41d3-9a0c-0305e82c3301.";
            return new ErrorRecord(new ArgumentException(message), "WwInvalidJobId", ErrorCategory.InvalidArgument, text)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Pass the job_id the API returned." },
            };
        }
    }
}
