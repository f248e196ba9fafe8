using System;
using System.Globalization;
using System.Management.Automation;
using WoodWide.Model;
using WoodWide.Waiting;

namespace WoodWide.Commands
{
    /// <summary>The cells of the table views (WoodWide.Format.ps1xml): compiled once, not a script per cell.</summary>
    public static class ViewText
    {
        /// <summary>"running 42%" while a job runs with progress (rounded down: 99.6 is not yet 100); the status alone otherwise.</summary>
        public static string? Status(object job) => job is JobSummary j && j.Progress is double p && !j.IsTerminal
            ? string.Format(CultureInfo.InvariantCulture, "{0} {1:0}%", j.Status, Math.Floor(p))
            : (job as JobSummary)?.Status;

        /// <summary>Time left from the API's estimate, as of now: "40s", "3m", "1h05m", "now"; empty when unknown.</summary>
        public static string? Eta(object job)
        {
            if (job is not JobSummary { EstimatedCompletion: DateTimeOffset end }) return null;
            var left = end - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero) return "now";
            if (left.TotalMinutes < 1) return string.Format(CultureInfo.InvariantCulture, "{0:0}s", Math.Ceiling(left.TotalSeconds));
            if (left.TotalHours < 1) return string.Format(CultureInfo.InvariantCulture, "{0:0}m", Math.Ceiling(left.TotalMinutes));
            return string.Format(CultureInfo.InvariantCulture, "{0:0}h{1:00}m", Math.Floor(left.TotalHours), left.Minutes);
        }

        /// <summary>A time in UTC, to the minute, as the column's header says: "2026-11-07 05:31".</summary>
        public static string? Utc(object? time) => time switch
        {
            DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => Utc(t),
            _ => null,
        };

        /// <summary>What a nested API object says in a view ("train model 0de1… v1"), where its text is its JSON.</summary>
        public static string? Summary(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
        {
            null => null,
            ApiObject api => api.Summary,
            var other => other.ToString(),
        };

        /// <summary>An object's fields on one line, as "accuracy=0.931, f1=0.874": metrics in a list view.</summary>
        public static string? Pairs(object? value)
        {
            if ((value is PSObject wrapped ? wrapped.BaseObject : value) is not System.Collections.IDictionary map) return value?.ToString();
            var parts = new System.Collections.Generic.List<string>();
            foreach (System.Collections.DictionaryEntry entry in map)
                parts.Add(string.Format(CultureInfo.InvariantCulture, "{0}={1}", entry.Key, entry.Value));
            return string.Join(", ", parts);
        }

        /// <summary>A size in bytes as a person reads it: "2.4 MB", "812 KB", "12 bytes".</summary>
        public static string Size(long bytes) =>
            bytes >= 1024L * 1024 * 1024 ? string.Format(CultureInfo.InvariantCulture, "{0:0.0} GB", bytes / (1024.0 * 1024 * 1024))
            : bytes >= 1024 * 1024 ? string.Format(CultureInfo.InvariantCulture, "{0:0.0} MB", bytes / (1024.0 * 1024))
            : bytes >= 1024 ? string.Format(CultureInfo.InvariantCulture, "{0:0} KB", bytes / 1024.0)
            : bytes == 1 ? "1 byte" : string.Format(CultureInfo.InvariantCulture, "{0} bytes", bytes);
    }
}
