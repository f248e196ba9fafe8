using System.Collections.Generic;

namespace WoodWide.Model
{
    /// <summary>What the PowerShell adapter needs of a shape, whatever type it describes.</summary>
    internal interface IApiShape
    {
        IReadOnlyList<ApiMember> Fields { get; }

        bool TryFind(string name, out ApiMember member);
    }
}
