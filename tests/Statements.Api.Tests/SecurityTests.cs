using System.ComponentModel;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Auth;
using Statements.Api.Common;

namespace Statements.Api.Tests;

/// <summary>Who may write, strict input, and the headers every response carries.</summary>
public sealed class SecurityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public enum Caller { NoKey, BadKey, RevokedKey, Reader, Editor, Admin }

    /// <summary>Every write operation in the OpenAPI document, with its path parameters pointing at nothing.</summary>
    public static TheoryData<string, string, Caller> WritesByCaller()
    {
        using var documentFactory = new ApiFactory();
        var document = JsonDocument.Parse(documentFactory.CreateClient().GetStringAsync("/swagger/v1/swagger.json").GetAwaiter().GetResult());
        var data = new TheoryData<string, string, Caller>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            // A write is an operation the document marks as needing a key: POSTs that write nothing (extraction) are public.
            foreach (var method in path.Value.EnumerateObject().Where(m =>
                m.Name != "get" && m.Value.GetProperty("security").EnumerateArray().Any(s => s.EnumerateObject().Any())))
            {
                var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", "987654");
                foreach (var caller in Enum.GetValues<Caller>())
                {
                    data.Add(method.Name.ToUpperInvariant(), url, caller);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(WritesByCaller))]
    public async Task EveryWriteNeedsAKeyWithTheRightRole(string method, string url, Caller caller)
    {
        var client = await ClientAsync(caller);
        var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent("{}", Encoding.UTF8, method == "PATCH" ? "application/merge-patch+json" : "application/json"),
        };

        var response = await client.SendAsync(request);

        var keyManagement = url.StartsWith("/api/v1/keys", StringComparison.Ordinal);
        switch (caller)
        {
            case Caller.NoKey or Caller.BadKey or Caller.RevokedKey:
                await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
                Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
                break;
            case Caller.Reader:
            case Caller.Editor when keyManagement:
                await response.AssertProblemAsync(HttpStatusCode.Forbidden);
                break;
            default:
                // Past authorization: the empty body or the missing resource is the problem now, never the key.
                Assert.InRange((int)response.StatusCode, 400, 499);
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
                break;
        }
    }

    private async Task<HttpClient> ClientAsync(Caller caller)
    {
        switch (caller)
        {
            case Caller.NoKey:
                return factory.CreateClient();
            case Caller.BadKey:
                return factory.CreateClientWithKey("stk_0000000000000000000000000000000000000000000000");
            case Caller.RevokedKey:
                var (revoked, id) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);
                var (admin, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);
                Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/keys/{id}")).StatusCode);
                return revoked;
            default:
                return (await factory.CreateClientWithRoleAsync(caller switch
                {
                    Caller.Reader => ApiKeyRole.Reader,
                    Caller.Editor => ApiKeyRole.Editor,
                    _ => ApiKeyRole.Admin,
                })).Client;
        }
    }

    [Fact]
    public async Task TheKeyMayAlsoComeInXApiKey()
    {
        var key = (await Api.Auth.ApiKeys.CreateAsync(factory.Services.GetRequiredService<Api.Data.Db>(), "header", ApiKeyRole.Editor)).Key;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var response = await client.PostJsonAsync("/api/v1/topics", new { slug = $"header-{Guid.NewGuid():N}"[..20], name = "Header" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ReadsArePublicByDefault()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/statements");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/officials/1")]
    [InlineData("/api/v1/officials/no-such-official")]
    [InlineData("/health")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task SwaggerUiGetsAPolicyThatLetsItRun()
    {
        var response = await factory.CreateClient().GetAsync("/swagger/index.html");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.Contains("img-src 'self' data:", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        // Its page loads scripts from files only, which is what script-src 'self' allows.
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script src=", page);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", page);
        Assert.DoesNotMatch("<script[^>]*>\\s*[^<\\s]", page);
    }

    [Fact]
    public async Task ReadsMayComeFromAnyOriginButWritesFromNoneUnlessListed()
    {
        var client = factory.CreateClient();

        var read = await client.SendAsync(Preflight("/api/v1/statements", "GET", "https://anywhere.example"));
        var write = await client.SendAsync(Preflight("/api/v1/statements", "POST", "https://anywhere.example"));
        var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statements");
        get.Headers.Add("Origin", "https://anywhere.example");
        var actual = await client.SendAsync(get);

        Assert.Equal("*", read.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(write.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("*", actual.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", actual.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Theory]
    [InlineData("/api/v1/extract")]
    [InlineData("/api/v1/sources/1/extract")]
    public async Task ExtractionMayBeCalledFromAnyOrigin(string url)
    {
        var client = factory.CreateClient();

        var preflight = await client.SendAsync(Preflight(url, "POST", "https://anywhere.example"));
        var post = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { text = "\"We are ready,\" Lavrov said." }) };
        post.Headers.Add("Origin", "https://anywhere.example");
        var actual = await client.SendAsync(post);

        Assert.Equal("*", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("*", actual.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    internal static HttpRequestMessage Preflight(string url, string method, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    [Fact]
    public async Task AnUnknownFieldIsA400NamingIt()
    {
        var writer = factory.CreateWriter();

        var typo = await writer.PostJsonAsync("/api/v1/officials", new { slug = "typo-official", name = "Typo", nmae = "Typo" });
        var nested = await writer.PostJsonAsync("/api/v1/officials",
            new { slug = "typo-official", name = "Typo", roles = new[] { new { title = "Minister", organization = "Ministry", started = "2020-01-01" } } });

        var body = await typo.AssertInvalidAsync("nmae");
        Assert.Equal("This field is not part of the resource.", body.GetProperty("errors").GetProperty("nmae")[0].GetString());
        await nested.AssertInvalidAsync("roles[0].started");
    }

    [Theory]
    [InlineData("POST", "/api/v1/topics", "application/json", """{"slug":"twice-named","name":"First","name":"Second"}""", "name")]
    [InlineData("POST", "/api/v1/officials", "application/json", """{"slug":"twice-role","name":"Twice","roles":[{"title":"A","title":"B"}]}""", "roles[0].title")]
    [InlineData("POST", "/api/v1/statements/bulk", "application/x-ndjson", """{"officialId":1,"text":"One","text":"Two","kind":"quote","language":"en","saidOn":"2021-06-01"}""", "text")]
    [InlineData("POST", "/api/v1/statements/bulk", "application/json", """[{"officialId":1,"text":"One","kind":"quote","kind":"paraphrase","language":"en","saidOn":"2021-06-01"}]""", "kind")]
    public async Task AMemberGivenTwiceIsRefusedNotSilentlyOverwritten(string method, string url, string mediaType, string body, string field)
    {
        var writer = factory.CreateWriter();
        var changes = await (await writer.GetAsync("/api/v1/changes?limit=1000")).ReadJsonAsync();

        var response = await writer.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, mediaType) });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, text);
        var problem = JsonDocument.Parse(text).RootElement;
        var errors = problem.GetProperty("errors");
        var named = errors.ValueKind == JsonValueKind.Array ? errors[0].GetProperty("errors") : errors; // bulk: per line
        Assert.Equal(Problems.MemberGivenTwice, named.GetProperty(field)[0].GetString());
        var after = await (await writer.GetAsync("/api/v1/changes?limit=1000")).ReadJsonAsync();
        Assert.Equal(changes.GetProperty("items").GetArrayLength(), after.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AMergePatchWithAnUnknownFieldIsRejectedAndChangesNothing()
    {
        var writer = factory.CreateWriter();
        var before = await (await writer.GetAsync("/api/v1/topics/strategic-stability")).ReadJsonAsync();

        var response = await writer.PatchMergeAsync("/api/v1/topics/strategic-stability", """{"name":"Changed","keyword":["x"]}""");

        await response.AssertInvalidAsync("keyword");
        var after = await (await writer.GetAsync("/api/v1/topics/strategic-stability")).ReadJsonAsync();
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("/api/v1/officials/sergei-lavrov")]
    [InlineData("/api/v1/topics/strategic-stability")]
    [InlineData("/api/v1/meetings/geneva-summit-2021")]
    [InlineData("/api/v1/sources/1")]
    [InlineData("/api/v1/statements/1")]
    public async Task WhatAGetReturnsCanBePutBackAndItsServerOwnedFieldsAreIgnored(string url)
    {
        var writer = factory.CreateWriter();
        var current = await (await writer.GetAsync(url)).ReadJsonAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse(current.GetRawText())!.AsObject();
        body["id"] = 424242;
        body["version"] = 999;
        body["createdAt"] = "2000-01-01T00:00:00.000Z";
        body["links"] = new System.Text.Json.Nodes.JsonObject { ["self"] = "/elsewhere" };

        var response = await writer.PutAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var replaced = await response.ReadJsonAsync();
        Assert.Equal(current.GetProperty("id").GetInt64(), replaced.GetProperty("id").GetInt64());
        // Only server-owned fields differ, so nothing changed: the resource is answered as it was.
        Assert.Equal(current.GetRawText(), replaced.GetRawText());
        Assert.Equal(current.GetProperty("links").GetProperty("self").GetString(), replaced.GetProperty("links").GetProperty("self").GetString());
    }

    [Fact]
    public async Task DocumentsNestedTooDeeplyAreRejected()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var body = $$"""{"slug":"deep","name":"Deep","aliases":{{deep}}}""";

        var response = await factory.CreateWriter().PostAsync("/api/v1/officials", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// A member that a resource shows but its input does not take must be marked [ReadOnly(true)]: else a client that
    /// PUTs back what it got would be told the member is unknown, and the document would call it writable.
    /// </summary>
    [Fact]
    public void EveryMemberOfAResourceIsEitherWritableOrServerOwned()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        var inputs = typeof(ApiJson).Assembly.GetTypes()
            .Select(t => (Input: t, Accepts: t.GetCustomAttribute<AcceptsReadOnlyMembersOfAttribute>()))
            .Where(p => p.Accepts is not null).ToList();
        Assert.True(inputs.Count >= 5, "the five resources mark their inputs");
        foreach (var (input, accepts) in inputs)
        {
            string Name(PropertyInfo p) => options.PropertyNamingPolicy!.ConvertName(p.Name);
            var writable = input.GetProperties().Select(Name).ToHashSet();
            var loose = accepts!.Resource.GetProperties()
                .Where(p => p.GetCustomAttribute<ReadOnlyAttribute>() is not { IsReadOnly: true } && !writable.Contains(Name(p)))
                .Select(Name).ToList();
            Assert.True(loose.Count == 0, $"{accepts.Resource.Name} shows {string.Join(", ", loose)}, which {input.Name} does not take: mark them [ReadOnly(true)].");
        }
    }

    [Fact]
    public async Task ServerOwnedFieldsAreReadOnlyInTheDocument()
    {
        var schemas = (await (await factory.CreateClient().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync())
            .GetProperty("components").GetProperty("schemas");

        foreach (var (schema, member) in new[] { ("Official", "id"), ("Official", "version"), ("Statement", "createdAt"), ("Statement", "snippet"), ("Statement", "topics"), ("Meeting", "participants") })
        {
            Assert.True(schemas.GetProperty(schema).GetProperty("properties").GetProperty(member).GetProperty("readOnly").GetBoolean(), $"{schema}.{member}");
        }
        Assert.True(schemas.GetProperty("StatementLinks").GetProperty("readOnly").GetBoolean());
        Assert.True(schemas.GetProperty("SpeakerRole").GetProperty("readOnly").GetBoolean());
        Assert.False(schemas.GetProperty("StatementInput").GetProperty("properties").TryGetProperty("id", out _));
        Assert.False(schemas.GetProperty("Statement").GetProperty("properties").GetProperty("text").TryGetProperty("readOnly", out _));
    }

    [Theory]
    [InlineData("/api/v1/officials", "name", "50%_Cut Official")]
    [InlineData("/api/v1/topics", "name", "Tariffs at 100%_now")]
    [InlineData("/api/v1/sources", "title", "Up 7%_on the day")]
    public async Task SqlWildcardsInSearchesMatchLiterally(string collection, string field, string value)
    {
        var writer = factory.CreateWriter();
        var slug = $"wild-{Guid.NewGuid():N}"[..20];
        object body = collection.EndsWith("sources", StringComparison.Ordinal)
            ? new { title = value }
            : new { slug, name = value };
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync(collection, body)).StatusCode);

        foreach (var q in new[] { "%", "_", "%_" })
        {
            var page = await (await writer.GetAsync($"{collection}?limit=500&q={Uri.EscapeDataString(q)}")).ReadJsonAsync();
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetString()!).ToList();
            Assert.Contains(value, items);
            Assert.All(items, text => Assert.Contains(q, text));
        }
    }
}

/// <summary>A private deployment: reads need a key too, and one origin may write from a browser.</summary>
public sealed class PrivateApiFactory : ApiFactory
{
    public const string Newsroom = "https://newsroom.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Statements:RequireKeyForReads", "true");
        builder.UseSetting("Statements:Cors:AllowedOrigins:0", Newsroom);
    }
}

public sealed class PrivateDeploymentTests(PrivateApiFactory factory) : IClassFixture<PrivateApiFactory>
{
    [Fact]
    public async Task ReadsNeedAReaderKey()
    {
        var (reader, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Reader);

        await (await factory.CreateClient().GetAsync("/api/v1/statements")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await factory.CreateClientWithKey("stk_wrong").GetAsync("/api/v1/officials/1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/statements")).StatusCode);
        await (await reader.PostJsonAsync("/api/v1/topics", new { slug = "reader-topic", name = "Reader" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task HealthAndTheDocumentStayOpen()
    {
        var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/swagger/v1/swagger.json")).StatusCode);
    }

    [Fact]
    public async Task TheDocumentSaysReadsNeedAKey()
    {
        var document = await (await factory.CreateClient().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();

        var list = document.GetProperty("paths").GetProperty("/api/v1/statements").GetProperty("get");
        Assert.Contains(list.GetProperty("security").EnumerateArray(), s => s.EnumerateObject().Any());
        Assert.True(list.GetProperty("responses").TryGetProperty("401", out _));
        Assert.False(list.GetProperty("responses").TryGetProperty("403", out _));
    }

    [Fact]
    public async Task AListedOriginMayWrite()
    {
        var client = factory.CreateClient();

        var listed = await client.SendAsync(SecurityTests.Preflight("/api/v1/statements/1", "PUT", PrivateApiFactory.Newsroom));
        var other = await client.SendAsync(SecurityTests.Preflight("/api/v1/statements/1", "PUT", "https://elsewhere.example"));

        Assert.Equal(PrivateApiFactory.Newsroom, listed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PUT", listed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AWriteFromAListedOriginVariesByOrigin()
    {
        var (editor, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Editor);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/topics")
        {
            Content = JsonContent.Create(new { slug = $"cors-{Guid.NewGuid():N}", name = "Cors" }),
        };
        request.Headers.Add("Origin", PrivateApiFactory.Newsroom);

        var response = await editor.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(PrivateApiFactory.Newsroom, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", response.Headers.Vary);
    }
}
