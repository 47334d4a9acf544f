using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Common;
using Statements.Api.Data;

namespace Statements.Api.Tests;

/// <summary>The officials list's q: in the name, native name or an alias, ignoring case in every script and diacritics.</summary>
public sealed class OfficialNameSearchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<long> CreateAsync(string slug, string name, string? nativeName = null, string[]? aliases = null)
    {
        var response = await writer.PostJsonAsync("/api/v1/officials", new { slug, name, nativeName, aliases });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    /// <summary>The slugs the list finds for q (sent percent-encoded, as a browser sends it).</summary>
    private async Task<List<string>> FindAsync(string q)
    {
        var response = await reader.GetAsync($"/api/v1/officials?limit=500&q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!)];
    }

    [Theory]
    [InlineData("лавров")]
    [InlineData("ЛАВРОВ")]
    [InlineData("сергей лавров")]
    [InlineData("Сергеи")] // й without its breve
    [InlineData("lavrov")]
    [InlineData("SERGEY LAVROV")] // an alias
    public async Task CyrillicAndLatinNamesAreFoundInAnyCase(string q)
    {
        Assert.Contains("sergei-lavrov", await FindAsync(q));
    }

    [Fact]
    public async Task PortugueseNamesAreFoundWithOrWithoutTheirAccentsInAnyCase()
    {
        await CreateAsync("q-antonio-guterres", "António Guterres");
        await CreateAsync("q-antonio-costa", "ANTÓNIO COSTA");
        await CreateAsync("q-joao-lourenco", "João Lourenço", aliases: ["Joao Lourenco"]);

        Assert.Equal(["q-antonio-guterres", "q-antonio-costa"], await FindAsync("Antonio"));
        Assert.Equal(["q-antonio-guterres", "q-antonio-costa"], await FindAsync("antónio"));
        Assert.Equal(["q-antonio-costa"], await FindAsync("antónio costa"));
        Assert.Equal(["q-antonio-guterres"], await FindAsync("GUTERRES"));
        Assert.Equal(["q-joao-lourenco"], await FindAsync("JOÃO LOURENÇO"));
        Assert.Equal(["q-joao-lourenco"], await FindAsync("lourenc"));
    }

    [Fact]
    public async Task OtherScriptsAndLettersWithStrokesAreFoldedToo()
    {
        await CreateAsync("q-tsipras", "Alexis Tsipras", nativeName: "Αλέξης Τσίπρας");
        await CreateAsync("q-walesa", "Lech Wałęsa", aliases: ["Lech Walesa"]);
        await CreateAsync("q-strasser", "Ernst Straßer");

        Assert.Equal(["q-tsipras"], await FindAsync("ΤΣΙΠΡΑΣ"));
        Assert.Equal(["q-tsipras"], await FindAsync("αλεξης"));
        Assert.Equal(["q-walesa"], await FindAsync("WAŁĘSA"));
        Assert.Equal(["q-walesa"], await FindAsync("lech wal"));
        Assert.Equal(["q-strasser"], await FindAsync("STRASSER"));
    }

    [Fact]
    public async Task AliasesAreFoundIgnoringCaseAndDiacritics()
    {
        await CreateAsync("q-alias-holder", "Plain Name", aliases: ["Zé Manel", "Ёлкин"]);

        Assert.Equal(["q-alias-holder"], await FindAsync("ZE MANEL"));
        Assert.Equal(["q-alias-holder"], await FindAsync("елкин"));
        // The names are searched one by one: text that runs from one into the next finds nothing.
        Assert.Empty(await FindAsync("name zé"));
    }

    [Fact]
    public async Task PercentAndUnderscoreMatchThemselves()
    {
        await CreateAsync("q-percent", "Hundred 100% Official");
        await CreateAsync("q-hundred", "Hundred 1000 Official");
        await CreateAsync("q-underscore", "Snake_Case Official");
        await CreateAsync("q-snakes", "SnakeXCase Official");

        Assert.Equal(["q-percent"], await FindAsync("100%"));
        Assert.Equal(["q-percent"], await FindAsync("%"));
        Assert.Equal(["q-underscore"], await FindAsync("snake_case"));
        Assert.Equal(["q-underscore"], await FindAsync("_"));
    }

    [Fact]
    public async Task ReplacingOrPatchingAnOfficialChangesWhatFindsIt()
    {
        var id = await CreateAsync("q-renamed", "Before Name");

        var patched = await writer.PatchMergeAsync($"/api/v1/officials/{id}", """{"name": "Ŝtefan Ĉapek", "aliases": ["Štěpán"]}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(["q-renamed"], await FindAsync("stefan capek"));
        Assert.Equal(["q-renamed"], await FindAsync("STEPAN"));
        Assert.Empty(await FindAsync("before name"));

        var replaced = await writer.PutJsonAsync($"/api/v1/officials/{id}", new { slug = "q-renamed", name = "Ígor Ñúñez", nativeName = "Игорь" });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(["q-renamed"], await FindAsync("igor nunez"));
        Assert.Equal(["q-renamed"], await FindAsync("ИГОРЬ"));
        Assert.Empty(await FindAsync("stepan"));
    }

    [Fact]
    public async Task OfficialsWrittenWithoutTheApiAreFoldedAtTheNextStart()
    {
        var id = await CreateAsync("q-written-by-hand", "Written By Hand");
        var db = factory.Services.GetRequiredService<Db>();
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            // As a database from before the column, or an official inserted with the sqlite3 shell, has it.
            await connection.ExecuteAsync("UPDATE officials SET names_folded = NULL, name = 'Hand Wrítten' WHERE id = @id", new { id });
        }
        Assert.Empty(await FindAsync("hand written"));

        await Migrator.PrepareAsync(db, loadSampleData: false);

        Assert.Equal(["q-written-by-hand"], await FindAsync("hand written"));
    }

    [Theory]
    [InlineData("António", "antonio")]
    [InlineData("ЁЛКА", "елка")]
    [InlineData("ﬁnance", "finance")]
    [InlineData("ＡＢＣ", "abc")]
    [InlineData("Οδυσσέας", "οδυσσεασ")]
    [InlineData("Straße", "strasse")]
    [InlineData("tab\there", "tab here")]
    public void FoldingLowersRemovesDiacriticsAndSpellsOutCompatibilityForms(string text, string folded)
    {
        Assert.Equal(folded, Folding.Fold(text));
    }
}
