using System.Net;

namespace Statements.Api.Tests;

/// <summary>Ids in paths are read one way for every resource: digits as links write them.</summary>
public sealed class PathIdTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient reader = factory.CreateClient();
    private readonly HttpClient writer = factory.CreateWriter();

    [Theory]
    [InlineData("/api/v1/statements/99999999999999999999", "id")]
    [InlineData("/api/v1/statements/010", "id")]
    [InlineData("/api/v1/statements/%2031", "id")]
    [InlineData("/api/v1/statements/+1", "id")]
    [InlineData("/api/v1/statements/1/revisions/01", "version")]
    [InlineData("/api/v1/statements/1/relations/01", "relationId")]
    [InlineData("/api/v1/sources/01", "id")]
    [InlineData("/api/v1/sources/01/statements", "id")]
    [InlineData("/api/v1/officials/99999999999999999999", "idOrSlug")]
    [InlineData("/api/v1/officials/01", "idOrSlug")]
    [InlineData("/api/v1/officials/01/statements", "idOrSlug")]
    [InlineData("/api/v1/topics/99999999999999999999", "idOrSlug")]
    [InlineData("/api/v1/meetings/0001", "idOrSlug")]
    [InlineData("/api/v1/meetings/0001/revisions", "idOrSlug")]
    public async Task AnIdNotWrittenAsLinksWriteItIsABadRequestNamingTheParameter(string url, string parameter)
    {
        await (await reader.GetAsync(url)).AssertInvalidAsync(parameter);
    }

    [Fact]
    public async Task WritesReadPathIdsTheSameWay()
    {
        await (await writer.DeleteAsync("/api/v1/statements/01")).AssertInvalidAsync("id");
        await (await writer.PatchMergeAsync("/api/v1/officials/01", "{}")).AssertInvalidAsync("idOrSlug");
        await (await writer.DeleteAsync("/api/v1/topics/99999999999999999999")).AssertInvalidAsync("idOrSlug");
    }

    [Theory]
    [InlineData("/api/v1/statements/1")]
    [InlineData("/api/v1/officials/1")]
    [InlineData("/api/v1/officials/sergei-lavrov")]
    [InlineData("/api/v1/sources/1")]
    public async Task IdsAndSlugsAsLinksWriteThemAreFound(string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/statements/0")]
    [InlineData("/api/v1/statements/9223372036854775807")]
    [InlineData("/api/v1/officials/9223372036854775807")]
    [InlineData("/api/v1/officials/%2031")]
    [InlineData("/api/v1/officials/no-such-official")]
    public async Task IdsThatNameNothingAndUnknownSlugsAreNotFound(string url)
    {
        await (await reader.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/v1/statements?official=01", "official")]
    [InlineData("/api/v1/statements?source=01", "source")]
    [InlineData("/api/v1/statements?relatedTo=01", "relatedTo")]
    public async Task FiltersReadIdsTheSameWay(string url, string parameter)
    {
        await (await reader.GetAsync(url)).AssertInvalidAsync(parameter);
    }
}
