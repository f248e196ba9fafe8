namespace WoodWide.Client
{
    /// <summary>What a request is about: it names what a 404 means ("no such job") and what an answer should be.</summary>
    public enum ApiResource
    {
        /// <summary>Not one of the API's resources (a path the API does not have, a foreign URL).</summary>
        Other,
        Job,
        JobList,
        Dataset,
        Model,
        Result,
    }
}
