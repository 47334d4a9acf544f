// Runs the API on a real Kestrel port (not the in-memory test server) over a throwaway SQLite file, so generated
// clients talk to it over HTTP exactly as an integrator's would; holds an API key for writes.
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Auth;
using Statements.Api.Data;

namespace Statements.Client.Tests;

public sealed class LiveServer : WebApplicationFactory<Program>
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "statements-client-tests", Guid.NewGuid().ToString("N"));

    public LiveServer()
    {
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        ApiKey = ApiKeys.CreateAsync(Services.GetRequiredService<Db>(), "client-tests").GetAwaiter().GetResult().Key;
    }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:43117.</summary>
    public Uri BaseAddress { get; }

    public string ApiKey { get; }

    /// <summary>A generated client over a plain HttpClient to the live port; with a key when it is to write.</summary>
    public StatementsClient CreateStatementsClient(bool withKey = true)
    {
        var http = new HttpClient();
        if (withKey)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        }
        return new StatementsClient(http) { BaseUrl = BaseAddress.ToString() };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseSetting("ConnectionStrings:Statements", $"Data Source={Path.Combine(directory, "statements.db")}");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseEnvironment("Testing");
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
