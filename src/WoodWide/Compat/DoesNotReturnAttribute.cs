namespace System.Diagnostics.CodeAnalysis
{
    /// <summary>
    /// Marks a method that never returns (it always throws), for netstandard2.0, which lacks the attribute: the
    /// compiler's flow analysis then reads a call to it as the end of the path, as it reads a throw.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class DoesNotReturnAttribute : Attribute
    {
    }
}
