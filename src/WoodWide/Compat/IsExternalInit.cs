namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Lets C# 9 init-only setters compile for netstandard2.0, which lacks this marker type. The compiler only needs it
    /// to exist; it is internal, so it clashes with nothing in the framework that loads the module.
    /// </summary>
    internal static class IsExternalInit
    {
    }
}
