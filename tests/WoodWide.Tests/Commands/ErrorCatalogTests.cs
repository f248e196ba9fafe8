using System.Management.Automation;
using System.Net;
using System.Reflection;
using WoodWide.Client;
using WoodWide.Commands;
using Xunit;

namespace WoodWide.Tests.Commands;

/// <summary>The one error index: every ErrorId in the catalogue, every failure mapped, and the README's table the same.</summary>
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
    public void Is_the_table_in_the_readme()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var start = Array.FindIndex(readme, l => l.StartsWith("| condition | ErrorId |", StringComparison.Ordinal));
        Assert.True(start >= 0, "The README has no error table.");
        var rows = readme.Skip(start + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => string.Join(" | ", l.Trim('|').Split('|').Select(c => c.Trim()))).ToList();

        var expected = ErrorCatalog.All.Select(e => $"{e.Condition} | {e.Id} | {e.Category} | {e.ScopeText}").ToList();
        Assert.True(expected.SequenceEqual(rows),
            "The README's error table differs from Commands/ErrorCatalog.cs. It should read:\n" +
            string.Join("\n", expected.Select(r => "| " + r + " |")));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WoodWide.sln"))) return dir.FullName;
        throw new InvalidOperationException("WoodWide.sln is above no folder of the test run.");
    }
}
