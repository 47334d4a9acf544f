// Idempotent creates. A POST route marked .Idempotent() honours an Idempotency-Key header: the first request with a key
// is processed and its successful (2xx) response kept; a retry with the same key and the same request (method, path,
// query and body) answers with that response, marked Idempotent-Replayed: true, without writing anything; the same key
// with a different request is a 422. Keys belong to the API key that sent them and expire after
// Statements:Idempotency:Expiry (24 hours by default). Only 2xx responses are kept: a rejected request wrote nothing,
// so it may be corrected and sent again under the same key.
//
// The key's row is written by Changes.RecordAsync inside the write's own transaction (see ClaimAsync), so a write and
// its key commit together and two concurrent requests with one key never both write: the second finds the row and
// answers with the first's response, or with 409 while the first is still being answered.
using System.Buffers;
using System.Data;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.Features;
using Statements.Api.Auth;
using Statements.Api.Data;

namespace Statements.Api.Common;

/// <summary>Endpoint metadata: the POST route honours the Idempotency-Key header.</summary>
public sealed class IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Instance = new(false);

    /// <summary>For a route whose response holds a secret: see <see cref="SealsResponse"/>.</summary>
    public static readonly IdempotentEndpoint Sealed = new(true);

    private IdempotentEndpoint(bool sealsResponse) => SealsResponse = sealsResponse;

    /// <summary>
    /// The kept response is encrypted with a key derived from the API key that sent the request, which the database
    /// does not hold (only its SHA-256), so a copy of the database does not reveal a secret the response holds (a new
    /// API key's); only a retry with that same API key can read it back.
    /// </summary>
    public bool SealsResponse { get; }
}

public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>
    /// Makes a POST route honour Idempotency-Key (see the file's header); with <paramref name="responseHoldsSecret"/>
    /// the kept response is stored encrypted (<see cref="IdempotentEndpoint.SealsResponse"/>).
    /// </summary>
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder, bool responseHoldsSecret = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(responseHoldsSecret ? IdempotentEndpoint.Sealed : IdempotentEndpoint.Instance);

    /// <summary>Runs after authentication and authorization: keys are scoped to the API key of the request.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();

    /// <summary>
    /// Called by every write inside its transaction (through Changes.RecordAsync): for a request that carries an
    /// Idempotency-Key, writes the key's row once, so it commits or rolls back with the write. A live row written by
    /// another request in the meantime aborts the write with <see cref="IdempotencyKeyTakenException"/>.
    /// </summary>
    internal static async Task ClaimAsync(IDbConnection connection, IDbTransaction transaction, HttpContext? context)
    {
        if (context?.Features.Get<IdempotencyClaim>() is not { Claimed: false } claim)
        {
            return;
        }
        const string sweep = """
            DELETE FROM idempotency_keys
            WHERE id IN (SELECT id FROM idempotency_keys WHERE expires_at <= @now ORDER BY expires_at LIMIT 100)
            """;
        const string sql = """
            INSERT INTO idempotency_keys (api_key_id, key, request_hash, created_at, expires_at)
            VALUES (@ApiKeyId, @Key, @RequestHash, @now, @expiresAt)
            ON CONFLICT (api_key_id, key) DO UPDATE
            SET request_hash = excluded.request_hash, created_at = excluded.created_at, expires_at = excluded.expires_at,
                status = NULL, location = NULL, etag = NULL, content_type = NULL, body = NULL
            WHERE idempotency_keys.expires_at <= excluded.created_at
            """;
        var now = DateTime.UtcNow;
        await connection.ExecuteAsync(sweep, new { now = Db.FormatTimestamp(now) }, transaction);
        var written = await connection.ExecuteAsync(sql, new
        {
            claim.ApiKeyId,
            claim.Key,
            claim.RequestHash,
            now = Db.FormatTimestamp(now),
            expiresAt = Db.FormatTimestamp(now + claim.Expiry),
        }, transaction);
        if (written == 0)
        {
            throw new IdempotencyKeyTakenException();
        }
        claim.Claimed = true;
    }
}

/// <summary>A request's Idempotency-Key, waiting to be written by the request's write transaction.</summary>
internal sealed class IdempotencyClaim(long apiKeyId, string key, string requestHash, TimeSpan expiry)
{
    public long ApiKeyId { get; } = apiKeyId;
    public string Key { get; } = key;
    public string RequestHash { get; } = requestHash;
    public TimeSpan Expiry { get; } = expiry;
    public bool Claimed { get; set; }
}

/// <summary>Another request wrote the same Idempotency-Key first; this request's write is rolled back.</summary>
internal sealed class IdempotencyKeyTakenException() : Exception("The Idempotency-Key was taken by a concurrent request.");

internal sealed partial class IdempotencyMiddleware(RequestDelegate next, Db db, IConfiguration configuration, ILogger<IdempotencyMiddleware> logger)
{
    private readonly TimeSpan expiry = ReadExpiry(configuration);

    private static TimeSpan ReadExpiry(IConfiguration configuration)
    {
        var value = configuration.GetValue("Statements:Idempotency:Expiry", TimeSpan.FromHours(24));
        return value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException("Statements:Idempotency:Expiry must be a positive time span, such as 24:00:00.");
    }

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method)
            || http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is not { } endpoint
            || !http.Request.Headers.TryGetValue(Idempotency.HeaderName, out var values)
            || !long.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var apiKeyId))
        {
            await next(http);
            return;
        }
        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > Idempotency.MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await Problems.Invalid(Idempotency.HeaderName,
                $"Use one key of 1 to {Idempotency.MaxKeyLength} visible ASCII characters, such as a UUID.").ExecuteAsync(http);
            return;
        }

        var requestHash = await HashRequestAsync(http.Request);
        var seal = endpoint.SealsResponse ? new ResponseSeal(ApiKeys.Presented(http.Request), key) : null;
        if (await FindAsync(apiKeyId, key, http.RequestAborted) is { } stored)
        {
            await AnswerAsync(http, stored, requestHash, seal);
            return;
        }

        var claim = new IdempotencyClaim(apiKeyId, key, requestHash, expiry);
        http.Features.Set(claim);
        var responseBody = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var captured = new MemoryStream();
        var capture = new StreamResponseBodyFeature(captured, responseBody);
        http.Features.Set<IHttpResponseBodyFeature>(capture);
        var taken = false;
        try
        {
            await next(http);
            await capture.CompleteAsync();
        }
        catch (IdempotencyKeyTakenException)
        {
            taken = true;
        }
        finally
        {
            http.Features.Set(responseBody);
            http.Features.Set<IdempotencyClaim>(null);
        }

        if (taken)
        {
            // A concurrent request with the same key committed first; this one's write was rolled back.
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.Headers.Remove("Location");
            http.Response.Headers.Remove("ETag");
            http.Response.ContentType = null;
            var winner = await FindAsync(apiKeyId, key, http.RequestAborted);
            await AnswerAsync(http, winner ?? new StoredResponse { RequestHash = requestHash }, requestHash, seal);
            return;
        }

        var body = captured.ToArray();
        if (claim.Claimed && http.Response.StatusCode is >= 200 and < 300)
        {
            try
            {
                await StoreAsync(claim, http.Response, seal?.Encrypt(body) ?? body);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                // The write has committed, so its response goes out all the same; the key stays claimed without a
                // response, and retries get a 409 until it expires rather than a second write.
                LogNotStored(logger, e, claim.Key);
            }
        }
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    /// <summary>
    /// SHA-256 of the method, path, query and body; the body is buffered so that the endpoint reads it again. A JSON body
    /// (application/json or +json) of up to <see cref="CanonicalJsonLimit"/> counts by its meaning: parsed and written
    /// again without white space, members in order of name, strings in one escaping, so a client whose retry is
    /// formatted differently is answered as the same request. Other bodies count byte for byte: NDJSON bulk imports
    /// (parsing 256 MiB twice would cost the import a second pass; a retry sends the same file) and larger JSON.
    /// </summary>
    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.PathBase}{request.Path}{request.QueryString}\n"));
        if (IsJson(request.ContentType) && request.ContentLength is null or <= CanonicalJsonLimit)
        {
            var canonical = await CanonicalJsonAsync(request.Body, request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            if (canonical is not null)
            {
                hash.AppendData(canonical);
                return Convert.ToHexStringLower(hash.GetHashAndReset());
            }
        }
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The largest JSON body compared by its meaning: the largest any single create takes (a source's 8 MiB).</summary>
    private const int CanonicalJsonLimit = 8 * 1024 * 1024;

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body's canonical JSON, or null when it is larger than the limit or is not JSON that can be written again.</summary>
    private static async Task<byte[]?> CanonicalJsonAsync(Stream body, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > CanonicalJsonLimit)
                {
                    return null;
                }
                copy.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        try
        {
            using var document = JsonDocument.Parse(copy.GetBuffer().AsMemory(0, (int)copy.Length));
            var output = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(output))
            {
                WriteCanonical(writer, document.RootElement);
            }
            return output.WrittenSpan.ToArray();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null; // not JSON, too deep, or a lone surrogate: the endpoint refuses it, and the raw bytes will do
        }
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true); // numbers as written, true, false, null
                break;
        }
    }

    private async Task<StoredResponse?> FindAsync(long apiKeyId, string key, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT request_hash, status, location, etag, content_type, body
            FROM idempotency_keys
            WHERE api_key_id = @apiKeyId AND key = @key AND expires_at > @now
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredResponse>(sql, new { apiKeyId, key, now = Db.Now() });
    }

    private async Task StoreAsync(IdempotencyClaim claim, HttpResponse response, byte[] body)
    {
        const string sql = """
            UPDATE idempotency_keys
            SET status = @status, location = @location, etag = @etag, content_type = @contentType, body = @body
            WHERE api_key_id = @ApiKeyId AND key = @Key AND request_hash = @RequestHash AND status IS NULL
            """;
        // The write has committed: keep the response even if the client has gone, so that its retry is answered.
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, new
        {
            claim.ApiKeyId,
            claim.Key,
            claim.RequestHash,
            status = response.StatusCode,
            location = NullIfEmpty(response.Headers.Location.ToString()),
            etag = NullIfEmpty(response.Headers.ETag.ToString()),
            contentType = response.ContentType,
            body,
        });
    }

    private static async Task AnswerAsync(HttpContext http, StoredResponse stored, string requestHash, ResponseSeal? seal)
    {
        if (stored.RequestHash != requestHash)
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used with a different request; send a new key for a new request.")
                .ExecuteAsync(http);
            return;
        }
        if (stored.Status is not { } status)
        {
            http.Response.Headers.RetryAfter = "1";
            await TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Request in progress",
                detail: "A request with this Idempotency-Key is still being answered; retry shortly to get its response.")
                .ExecuteAsync(http);
            return;
        }
        var response = http.Response;
        response.StatusCode = (int)status;
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }
        if (stored.Etag is not null)
        {
            response.Headers.ETag = stored.Etag;
        }
        response.Headers[Idempotency.ReplayedHeaderName] = "true";
        response.ContentType = stored.ContentType;
        var body = stored.Body ?? [];
        if (seal is not null)
        {
            // The secret in it goes out again: no more cacheable than the first answer.
            response.Headers.CacheControl = "no-store";
            body = seal.Decrypt(body);
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>
    /// AES-GCM under HMAC-SHA256(API key, Idempotency-Key): only the request's own API key, which the database does not
    /// hold, opens what it sealed. Stored as nonce, ciphertext, tag.
    /// </summary>
    private sealed class ResponseSeal(string apiKey, string idempotencyKey)
    {
        private readonly byte[] key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), Encoding.UTF8.GetBytes("idempotent-response\n" + idempotencyKey));

        public byte[] Encrypt(byte[] plain)
        {
            var sealedBytes = new byte[AesGcm.NonceByteSizes.MaxSize + plain.Length + AesGcm.TagByteSizes.MaxSize];
            var nonce = sealedBytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key, AesGcm.TagByteSizes.MaxSize);
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(nonce.Length, plain.Length), sealedBytes.AsSpan(nonce.Length + plain.Length));
            return sealedBytes;
        }

        public byte[] Decrypt(byte[] sealedBytes)
        {
            var nonceSize = AesGcm.NonceByteSizes.MaxSize;
            var plain = new byte[sealedBytes.Length - nonceSize - AesGcm.TagByteSizes.MaxSize];
            using var aes = new AesGcm(key, AesGcm.TagByteSizes.MaxSize);
            aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize, plain.Length), sealedBytes.AsSpan(nonceSize + plain.Length), plain);
            return plain;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The response to Idempotency-Key {Key} could not be kept.")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string key);

    private sealed class StoredResponse
    {
        public string RequestHash { get; init; } = "";
        public long? Status { get; init; }
        public string? Location { get; init; }
        public string? Etag { get; init; }
        public string? ContentType { get; init; }
        public byte[]? Body { get; init; }
    }
}
