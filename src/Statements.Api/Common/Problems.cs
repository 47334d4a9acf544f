// Turns every failure into an RFC 9457 problem response: bad input and conflicts become 4xx with an
// explanation, anything unexpected a bare 500 that names only the trace id. No stack trace leaves the server.
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Statements.Api.Common;

public static partial class Problems
{
    public const string MemberGivenTwice = "This field is given more than once.";

    public static ProblemHttpResult NotFound(string resource, string idOrSlug) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not Found",
            detail: $"There is no {resource} '{idOrSlug}'.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>A 412 that names the header whose precondition failed (<see cref="ETags.FailedPrecondition"/>).</summary>
    public static ProblemHttpResult PreconditionFailed(string header) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Precondition Failed",
            detail: header == "If-None-Match"
                ? "If-None-Match failed: the resource exists (If-None-Match: *) or is at a version it names; nothing was written."
                : "The resource has changed since the version named in If-Match; fetch it again and retry.");

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid.");

    /// <summary>
    /// The detail of a 415 that routing answered (no endpoint of the path and method accepts the request's Content-Type):
    /// the media types the operation does accept, read from the endpoints of that path and method. Null when none say.
    /// </summary>
    public static string? UnsupportedMediaTypeDetail(HttpContext context)
    {
        var method = context.Request.Method;
        var accepted = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase) == true)
            .Where(e => new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
                new Microsoft.AspNetCore.Routing.Template.RouteTemplate(e.RoutePattern), []).TryMatch(context.Request.Path, []))
            // The last Accepts is the one routing enforces: a PATCH handler's JSON body is also inferred as
            // application/json, which its .Accepts(merge-patch+json) replaces.
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var sent = string.IsNullOrEmpty(context.Request.ContentType) ? "no Content-Type" : $"Content-Type '{context.Request.ContentType}'";
        return accepted.Count == 0 ? null : $"The body was sent with {sent}; this operation accepts {string.Join(" or ", accepted)}.";
    }

    /// <summary>
    /// The problem type for a status: a link to where the status is defined. ASP.NET Core knows those of RFC 9110;
    /// 429 comes from RFC 6585 and 507 from RFC 4918. Null (about:blank) for the rest, such as 499.
    /// </summary>
    public static string? TypeFor(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        StatusCodes.Status507InsufficientStorage => "https://www.rfc-editor.org/rfc/rfc4918#section-11.5",
        _ => TypedResults.Problem(statusCode: status).ProblemDetails.Type,
    };

    /// <summary>
    /// Shortens the input a problem quotes back ('…'): a value of thousands of characters is quoted by its first hundred,
    /// so a bad request is not answered with a copy of itself.
    /// </summary>
    public static void ShortenEchoes(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        if (problem.Detail is { } detail)
        {
            problem.Detail = ShortenEchoes(detail);
        }
        if (problem is HttpValidationProblemDetails validation)
        {
            foreach (var field in validation.Errors.Keys.ToList())
            {
                validation.Errors[field] = Array.ConvertAll(validation.Errors[field], ShortenEchoes);
            }
        }
    }

    private static string ShortenEchoes(string message) =>
        message.Length <= 200 ? message : LongQuote().Replace(message, m => $"'{m.Groups[1].Value}…'");

    [System.Text.RegularExpressions.GeneratedRegex("'([^']{100})[^']{20,}'")]
    private static partial System.Text.RegularExpressions.Regex LongQuote();
}

/// <summary>
/// Writes a problem as application/problem+json whatever the request's Accept says. Registered after the default
/// writer, it only answers requests whose Accept leaves JSON out (Accept: text/csv on an export, say): without it such
/// a request got an empty 4xx, or a 500 when the problem came from the exception handler.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(
            problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
    }
}

/// <summary>Raised anywhere while handling a request for input that is wrong; answered as a 400 problem.</summary>
public sealed class BadInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = UnknownCharset(context, exception) ?? Describe(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }
        context.Response.StatusCode = status;
        var problem = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// A JSON body is read in the charset its Content-Type names, and one that .NET does not know (charset=nonsense) fails
    /// as an InvalidOperationException around the ArgumentException of the encoding lookup: that is a 415, not a 500.
    /// </summary>
    private static (int, string, string?, Dictionary<string, string[]>?)? UnknownCharset(HttpContext context, Exception exception)
    {
        if (exception is not InvalidOperationException { InnerException: ArgumentException }
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || type.Charset.Value is not { Length: > 0 } charset)
        {
            return null;
        }
        return Charsets.Find(charset) is null
            ? (StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", Charsets.UnsupportedDetail(charset), null)
            : null;
    }

    private static (int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors) Describe(Exception exception)
    {
        switch (exception)
        {
            case BadInputException bad:
                return (400, "One or more fields are invalid.", null, new() { [bad.Field] = [bad.Message] });
            case BadHttpRequestException { InnerException: JsonException json } badJson:
                return (badJson.StatusCode, JsonTitle(json), null, JsonErrors(json));
            case JsonException json:
                return (400, JsonTitle(json), null, JsonErrors(json));
            case BadHttpRequestException bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal):
                // ASP.NET Core's own wording ("Implicit body inferred for parameter …") speaks to the developer, not the client.
                return (400, "One or more fields are invalid.", null, new() { ["$"] = ["The request needs a JSON body."] });
            case BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } match:
                return (400, "One or more fields are invalid.", null, new()
                {
                    [JsonNamingPolicy.CamelCase.ConvertName(match.Groups[2].Value)] =
                        [$"'{match.Groups[3].Value}' is not a valid value here{Takes(match.Groups[1].Value)}."],
                });
            case BadHttpRequestException bad:
                return (bad.StatusCode, ReasonPhrase(bad.StatusCode), bad.Message, null);
            case SqliteException sqlite:
                return DescribeSqlite(sqlite);
            case OperationCanceledException:
                return (499, "Client Closed Request", null, null);
            default:
                return (500, "An unexpected error occurred.", null, null);
        }
    }

    private static (int, string, string?, Dictionary<string, string[]>?) DescribeSqlite(SqliteException e)
    {
        const int constraint = 19, busy = 5, locked = 6, full = 13, readOnly = 8;
        const int constraintUnique = 2067, constraintPrimaryKey = 1555, constraintForeignKey = 787;
        return (e.SqliteErrorCode, e.SqliteExtendedErrorCode) switch
        {
            (constraint, constraintUnique or constraintPrimaryKey) =>
                (409, "Conflict", "A resource with the same unique value already exists.", null),
            (constraint, constraintForeignKey) =>
                (409, "Conflict", "The change would break a link between resources.", null),
            (constraint, _) => (400, "Bad Request", "The data breaks a rule of the database.", null),
            (busy or locked, _) => (503, "Service Unavailable", "The database is busy; retry shortly.", null),
            (full, _) => (507, "Insufficient Storage",
                "The database is full: its disk has no room left, or it has reached its configured size (Statements:MaxDatabaseSizeMB). Nothing was written.", null),
            (readOnly, _) => (503, "Service Unavailable", "The database is read-only at the moment.", null),
            _ when e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase) =>
                (400, "Bad Request", "The search expression in 'q' is malformed.", null),
            _ => (500, "An unexpected error occurred.", null, null),
        };
    }

    /// <summary>A body that is no JSON at all says so; JSON that does not fit the operation is invalid fields, as elsewhere.</summary>
    private static string JsonTitle(JsonException json) =>
        IsSyntaxError(json) ? "The request body is not valid JSON." : "One or more fields are invalid.";

    /// <summary>Whether the body is no JSON at all (the reader failed), rather than JSON that does not fit the type.</summary>
    private static bool IsSyntaxError(JsonException json) => json.InnerException?.GetType().Name == "JsonReaderException";

    /// <summary>What a parameter of this .NET type (as ASP.NET Core names it when binding fails) takes, in the client's terms.</summary>
    private static string Takes(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', '>') switch
    {
        "int" or "long" or "Int32" or "Int64" => ": it takes a whole number",
        "bool" or "Boolean" => ": it takes true or false",
        "double" or "decimal" or "Double" or "Decimal" => ": it takes a number",
        _ => "",
    };

    internal static Dictionary<string, string[]> JsonErrors(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "$" : json.Path.TrimStart('$', '.');
        if (UnmappedMember().Match(json.Message) is { Success: true } unmapped)
        {
            // The path names the object holding the unknown member; the key names the member itself.
            var name = unmapped.Groups[1].Value;
            var key = path == "$" ? name
                : path == name || path.EndsWith("." + name, StringComparison.Ordinal) ? path
                : $"{path}.{name}";
            return new() { [key] = ["This field is not part of the resource."] };
        }
        if (json.Message.StartsWith("Duplicate property ", StringComparison.Ordinal))
        {
            return new() { [path] = [Problems.MemberGivenTwice] };
        }
        if (IsSyntaxError(json))
        {
            return new() { [path] = [SyntaxError(json)] };
        }
        var message = IsInvalidUtf8(json) ? "Not valid UTF-8: the text holds bytes that encode no character."
            : ConversionTarget().Match(json.Message) is { Success: true } target ? Expected(target.Groups[1].Value)
            : json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "The value has the wrong type or is not one of the allowed values."
            : FirstSentence(json.Message);
        return new() { [path] = [message] };
    }

    /// <summary>System.Text.Json reports bytes inside a string that are no UTF-8 as a string it could not read.</summary>
    private static bool IsInvalidUtf8(JsonException json) =>
        json.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("invalid UTF-8", StringComparison.OrdinalIgnoreCase);

    private static readonly JsonSerializerOptions WireNames = Named();

    private static JsonSerializerOptions Named()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        return options;
    }

    /// <summary>
    /// What a member of the .NET type System.Text.Json could not read into takes, in the client's terms: an enum's values as
    /// the JSON writes them, a date's format. The type comes from the exception's message, the only place that names it.
    /// </summary>
    private static string Expected(string typeName)
    {
        var element = NullableOf().Match(typeName) is { Success: true } nullable ? nullable.Groups[1].Value : typeName;
        var type = Type.GetType(element) ?? typeof(Problems).Assembly.GetType(element);
        if (type is { IsEnum: true })
        {
            var values = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, WireNames).Trim('"'));
            return $"Not one of the allowed values: {string.Join(", ", values)}.";
        }
        return type switch
        {
            _ when type == typeof(DateOnly) => "Not a date: use yyyy-MM-dd (for example 2021-06-16), a day that exists.",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "Not a timestamp: use ISO 8601 in UTC, for example 2021-06-16T12:00:00Z.",
            _ when type == typeof(long) || type == typeof(int) => "Not an integer: use a JSON number without a fraction, for example 42.",
            _ when type == typeof(bool) => "Not a boolean: use true or false.",
            _ when type == typeof(string) => "Not a string: use a JSON string in double quotes.",
            _ when typeName.StartsWith("System.Collections.Generic.", StringComparison.Ordinal) => "Not an array: use a JSON array, for example [].",
            _ when type is { IsClass: true } => "Not an object: use a JSON object, for example {}.",
            _ => "The value has the wrong type or is not one of the allowed values.",
        };
    }

    /// <summary>
    /// A body that is not JSON at all, with where the reader stopped: System.Text.Json's wording speaks to the developer
    /// ("… not supported in this mode. Change the reader options.", "Expected depth to be zero …").
    /// </summary>
    private static string SyntaxError(JsonException json)
    {
        var reader = FirstSentence(json.Message);
        var what = reader switch
        {
            _ when reader.Contains("trailing comma", StringComparison.Ordinal) => "a trailing comma",
            _ when reader.StartsWith("Expected depth to be zero", StringComparison.Ordinal) => "an object or array is not closed",
            _ when reader.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal) => "there is no JSON value",
            _ when reader.Contains("reached end of data", StringComparison.Ordinal) => "the body ends in the middle of a value",
            _ when reader.Contains("is invalid within a JSON string", StringComparison.Ordinal) => "a control character in a string must be escaped",
            _ => reader.TrimEnd('.').Replace(" Change the reader options", "", StringComparison.Ordinal),
        };
        // Both count from 0; the position is the byte the reader stopped at, so the bytes before it are well-formed.
        return (json.LineNumber, json.BytePositionInLine) switch
        {
            ({ } line, 0) => $"The body is not valid JSON: {what} at the start of line {line + 1}.",
            ({ } line, { } position) => $"The body is not valid JSON: {what} at line {line + 1}, after byte {position}.",
            _ => $"The body is not valid JSON: {what}.",
        };
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Bad Request";

    [System.Text.RegularExpressions.GeneratedRegex("^The JSON value could not be converted to ([^ ]+)\\.(?: Path:|$)")]
    private static partial System.Text.RegularExpressions.Regex ConversionTarget();

    [System.Text.RegularExpressions.GeneratedRegex("^System\\.Nullable`1\\[(.+)\\]$")]
    private static partial System.Text.RegularExpressions.Regex NullableOf();

    [System.Text.RegularExpressions.GeneratedRegex("^The JSON property '(.*)' could not be mapped to any \\.NET member")]
    private static partial System.Text.RegularExpressions.Regex UnmappedMember();

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?:([^\"]*) )?([A-Za-z0-9_]+)\" from \"(.*)\"\\.?$")]
    private static partial System.Text.RegularExpressions.Regex BindFailure();
}
