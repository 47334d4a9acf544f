// Hosts the API in memory over a throwaway SQLite file owned by one test class, with a ready API key.
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Auth;
using Statements.Api.Data;

namespace Statements.Api.Tests;

public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "statements-tests", Guid.NewGuid().ToString("N"));
    private string? apiKey;

    public string DatabasePath => Path.Combine(directory, "statements.db");

    /// <summary>Whether the sample article is loaded into the new database.</summary>
    protected virtual bool LoadSampleData => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseSetting("ConnectionStrings:Statements", $"Data Source={DatabasePath}");
        builder.UseSetting("Statements:SampleData", LoadSampleData ? "true" : "false");
        builder.UseEnvironment("Testing");
        // Generous rate limits, so that no test class is throttled (LimitsTests sets small ones of its own).
        builder.UseSetting("Statements:RateLimit:PermitsPerMinute", "1000000");
        builder.UseSetting("Statements:RateLimit:AnonymousPermitsPerMinute", "1000000");
    }

    /// <summary>A client that sends a valid API key on every request.</summary>
    public HttpClient CreateWriter()
    {
        var client = CreateClient();
        apiKey ??= ApiKeys.CreateAsync(Services.GetRequiredService<Db>(), "tests").GetAwaiter().GetResult().Key;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PatchMergeAsync(this HttpClient client, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    /// <summary>Asserts a problem response with the status and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(body.TryGetProperty("exception", out _));
        // Every problem links the definition of its status (RFC 9457 type).
        Assert.True(body.TryGetProperty("type", out var type) && Uri.TryCreate(type.GetString(), UriKind.Absolute, out _), $"no type link in {body}");
        return body;
    }

    /// <summary>Asserts a 400 validation problem whose errors map names the field.</summary>
    public static async Task<JsonElement> AssertInvalidAsync(this HttpResponseMessage response, string field)
    {
        var body = await response.AssertProblemAsync(System.Net.HttpStatusCode.BadRequest);
        Assert.True(body.TryGetProperty("errors", out var errors), $"no errors map in {body}");
        Assert.True(errors.TryGetProperty(field, out _), $"errors do not name '{field}': {errors}");
        return body;
    }
}
