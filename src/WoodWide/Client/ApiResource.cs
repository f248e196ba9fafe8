namespace WoodWide.Client
{
    /// <summary>
    /// What a request is about: it names what a 404 means (no such job, dataset, model or results; or, for
    /// <see cref="Path"/>, no such path) and what an answer should be.
    /// </summary>
    public enum ApiResource
    {
        /// <summary>
        /// Not one resource of the API's (a listing, a signed storage URL): a 404 is about the path itself, which the
        /// API should have had (a wrong -BaseUri).
        /// </summary>
        Path,
        Job,
        JobList,
        Dataset,
        Model,
        Result,
    }
}
