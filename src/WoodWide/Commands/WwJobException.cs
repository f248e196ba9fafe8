using System;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>A job that ended without success: carries its last JobDetail for scripts that catch it.</summary>
    public sealed class WwJobException : Exception
    {
        public WwJobException(JobDetail? job, string message) : base(message) => Job = job;

        public JobDetail? Job { get; }
    }
}
