using System.Management.Automation;
using System.Net;
using System.Reflection;
using WoodWide.Client;
using WoodWide.Commands;
using Xunit;

namespace WoodWide.Tests.Commands;

/// <summary>The one error index: every ErrorId in the catalogue, every failure mapped, and the docs naming only what it has.</summary>
public class ErrorCatalogTests
{
    private static readonly string[] AllIds = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    [Fact]
    public void Catalogues_every_error_id_once()
    {
        Assert.Equal(AllIds.OrderBy(id => id), ErrorCatalog.All.Select(e => e.Id).OrderBy(id => id));
        Assert.All(ErrorCatalog.All, e => Assert.False(string.IsNullOrWhiteSpace(e.Condition)));
        // Every error says what to do about it.
        Assert.All(ErrorCatalog.All, e => Assert.False(string.IsNullOrWhiteSpace(e.Advice), e.Id));
    }

    [Fact]
    public void Maps_every_kind_of_failure_to_a_catalogued_id()
    {
        foreach (WwErrorKind kind in Enum.GetValues(typeof(WwErrorKind)))
            Assert.Contains(ErrorCatalog.IdOf(new WwApiException(kind, "x")), AllIds);
    }

    [Theory]
    [InlineData(ApiResource.Job, "WwJobNotFound")]
    [InlineData(ApiResource.Dataset, "WwDatasetNotFound")]
    [InlineData(ApiResource.Model, "WwModelNotFound")]
    [InlineData(ApiResource.Result, "WwResultNotFound")]
    [InlineData(ApiResource.JobList, "WwNotFound")]
    [InlineData(ApiResource.Path, "WwNotFound")]
    public void Names_a_404_by_what_was_asked_for(ApiResource resource, string errorId)
    {
        var record = ErrorRecords.ForRequest(new WwApiException(WwErrorKind.NotFound, "Not Found (HTTP 404)", HttpStatusCode.NotFound, resource: resource), null, null);

        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
        Assert.DoesNotContain(resource == ApiResource.Job ? "-BaseUri" : "job id", record.ErrorDetails.RecommendedAction);
    }

    [Theory]
    [InlineData(WwErrorKind.InvalidRequest, 400, ApiResource.Dataset, "Dataset 'churn' already exists", "WwDatasetExists")]
    [InlineData(WwErrorKind.InvalidRequest, 400, ApiResource.Dataset, "file is empty", "WwInvalidRequest")]
    [InlineData(WwErrorKind.InvalidRequest, 400, ApiResource.Model, "Model 'churn' already exists", "WwInvalidRequest")]
    [InlineData(WwErrorKind.Conflict, 409, ApiResource.Model, "Model 'churn' already exists", "WwModelExists")]
    [InlineData(WwErrorKind.Conflict, 409, ApiResource.Dataset, "Dataset has no ready version", "WwDatasetNotReady")]
    public void Names_a_taken_name_by_the_apis_words_and_what_was_asked_for(WwErrorKind kind, int status, ApiResource resource, string detail, string errorId)
    {
        var e = new WwApiException(kind, detail, (HttpStatusCode)status, detail: detail, resource: resource);

        Assert.Equal(errorId, ErrorCatalog.IdOf(e));
    }

    [Theory]
    [InlineData(WwErrorKind.ServerError, 503)]
    [InlineData(WwErrorKind.RateLimited, 429)]
    public void Advises_the_wait_the_server_asked_for(WwErrorKind kind, int status)
    {
        var e = new WwApiException(kind, "busy", (HttpStatusCode)status, retryAfter: TimeSpan.FromSeconds(120));

        Assert.Equal("The server asked for a pause: try again in 120 s.", ErrorRecords.ForRequest(e, null, null).ErrorDetails.RecommendedAction);
    }

    [Theory]
    [InlineData(WwErrorKind.Authentication, 401, ErrorScope.Server)]
    [InlineData(WwErrorKind.PermissionDenied, 403, ErrorScope.Server)]
    [InlineData(WwErrorKind.Connection, null, ErrorScope.Server)]
    [InlineData(WwErrorKind.Timeout, null, ErrorScope.Server)]
    [InlineData(WwErrorKind.RedirectRefused, 401, ErrorScope.Server)]
    [InlineData(WwErrorKind.ServerError, 500, ErrorScope.Item)]
    [InlineData(WwErrorKind.ServerError, 503, ErrorScope.Item)]
    [InlineData(WwErrorKind.InvalidResponse, 200, ErrorScope.Item)]
    [InlineData(WwErrorKind.RateLimited, 429, ErrorScope.Item)]
    [InlineData(WwErrorKind.NotFound, 404, ErrorScope.Item)]
    [InlineData(WwErrorKind.Conflict, 409, ErrorScope.Item)]
    [InlineData(WwErrorKind.InvalidRequest, 422, ErrorScope.Item)]
    public void Scopes_each_failure_as_the_fault_model_says(WwErrorKind kind, int? status, ErrorScope scope)
    {
        var e = new WwApiException(kind, "x", (HttpStatusCode?)status, resource: ApiResource.Job);

        Assert.Equal(scope, ErrorCatalog.ScopeOf(ErrorRecords.ForRequest(e, "item", null)));
    }

    [Theory]
    [InlineData(WwErrorKind.ServerError, 500)]
    [InlineData(WwErrorKind.InvalidResponse, 200)]
    [InlineData(WwErrorKind.RateLimited, 429)]
    public void Makes_a_failure_several_items_met_in_a_row_about_the_server(WwErrorKind kind, int status)
    {
        var e = new WwApiException(kind, "x", (HttpStatusCode)status) { Repeated = true };

        Assert.Equal(ErrorScope.Server, ErrorCatalog.ScopeOf(ErrorRecords.ForRequest(e, "item", "Job x")));
    }

    [Fact]
    public void Ends_the_command_for_what_is_wrong_with_the_call_itself()
    {
        foreach (var id in new[] { ErrorIds.InvalidArgument, ErrorIds.ApiKeyMissing, ErrorIds.ApiKeyEmpty, ErrorIds.InvalidBaseUri, ErrorIds.InsecureBaseUri })
            Assert.Equal(ErrorScope.Command, ErrorCatalog.Get(id).Scope);
    }

    [Fact]
    public void Puts_the_whole_text_a_user_sees_in_the_exceptions_message()
    {
        var e = new WwApiException(WwErrorKind.ServerError, "Injected fault (HTTP 500 Internal Server Error)", HttpStatusCode.InternalServerError);

        var record = ErrorRecords.ForRequest(e, "item", "Job 6f1c", "It was not sent again.", "Look first.");

        Assert.Equal("Job 6f1c: Injected fault (HTTP 500 Internal Server Error). It was not sent again.", record.Exception.Message);
        Assert.Equal(record.Exception.Message, record.ErrorDetails.Message);
        Assert.Same(e, record.Exception.InnerException);
        Assert.Equal(HttpStatusCode.InternalServerError, ((WwApiException)record.Exception).StatusCode);
    }

    [Fact]
    public void Cuts_an_echoed_input_to_a_readable_length()
    {
        var record = ErrorRecords.InvalidId("job", new string('x', 1024 * 1024));

        Assert.InRange(record.Exception.Message.Length, 200, 400);
        Assert.Contains("(1,048,576 characters)", record.Exception.Message);
    }

    [Fact]
    public void Is_listed_once_in_the_errors_topic_and_named_rightly_everywhere_else()
    {
        // The list itself is written into about_WoodWide_Errors from this catalogue when the help is built (the Pester
        // suite checks the built topic against it); its source holds only the place for it, and no page keeps a copy.
        var docs = Path.Combine(RepositoryRoot(), "docs");
        var topic = File.ReadAllLines(Path.Combine(docs, "en-US", "about_WoodWide_Errors.help.txt"));
        Assert.Single(topic, l => l.Trim() == "{{ErrorCatalog}}");
        var pages = Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(docs, "en-US"), "*.help.txt"))
            .Append(Path.Combine(RepositoryRoot(), "README.md")).ToList();
        Assert.All(pages, page => Assert.DoesNotContain(File.ReadAllLines(page), l => l.StartsWith("| condition | ErrorId |", StringComparison.Ordinal)));

        // An ErrorId named in prose is one the module has: a renamed or removed id leaves no stale name behind.
        var known = new HashSet<string>(ErrorCatalog.All.Select(e => e.Id), StringComparer.Ordinal);
        var stale = pages.SelectMany(page => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(page), @"\bWw[A-Z][A-Za-z]+\b")
                .Select(m => m.Value).Where(id => !known.Contains(id) && !NotErrorIds.Contains(id)).Select(id => $"{Path.GetFileName(page)}: {id}"))
            .Distinct().ToList();
        Assert.True(stale.Count == 0, "Not in Commands/ErrorCatalog.cs: " + string.Join(", ", stale));
    }

    // Names that look like ErrorIds and are not: the module's own types and cmdlet nouns.
    private static readonly HashSet<string> NotErrorIds = new(StringComparer.Ordinal)
    {
        "WwCmdlet", "WwTransport", "WwJob", "WwJobResult", "WwDataset", "WwModel", "WwInference", "WwTraining", "WwAccount",
        "WwContext", "WwResultCmdlet", "WwSession", "WwConnection", "WwApiException", "WwErrorKind", "WwJobException",
    };

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WoodWide.sln"))) return dir.FullName;
        throw new InvalidOperationException("WoodWide.sln is above no folder of the test run.");
    }
}
