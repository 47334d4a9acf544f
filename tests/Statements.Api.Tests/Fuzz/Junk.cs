// CsCheck generators of hostile values: texts (control characters, lone surrogates, SQL and LIKE fragments, FTS5
// syntax soup, long strings), raw JSON values (wrong types, numbers no double holds, invalid UTF-8 inside strings,
// nesting 10,000 deep), whole bodies that are not the JSON asked for, and percent-encoded garbage for URLs.
// Each list starts with its simplest member, which is where CsCheck shrinks to.
using System.Text;
using CsCheck;

namespace Statements.Api.Tests.Fuzz;

public static class Junk
{
    public static readonly string[] SqlFragments =
    [
        "' OR 1=1 --", "'; DROP TABLE statements; --", "\" OR \"\"=\"", "1; SELECT * FROM api_keys", "') UNION SELECT hash FROM api_keys --",
        "%", "_", "%_%", "\\", "\\%", "[a-z]%", "*", "' OR '1'='1", "1' AND sleep(5) --", "NULL", "\0",
    ];

    public static readonly string[] FtsTokens =
    [
        "\"", "summit", "*", "OR", "AND", "NOT", "NEAR", "NEAR(", "NEAR/2", "NEAR/-1", "(", ")", "{", "}", ":", "^", "-", "+",
        "text:", "context:", "nosuchcolumn:", "{text context}:", "\"unclosed", "strat*", "*strat", "''", "Лавров", "\u0000", ",", ".",
    ];

    private static readonly string[] Fixed =
    [
        "", " ", "0", "-1", "-0", "1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "1.5",
        "0x1F", "NaN", "Infinity", "null", "true", "undefined", "2021-02-30", "0000-00-00", "9999-99-99", "-2021-01-01", "2021-13",
        "2021-06-16T25:00:00Z", "+002021-06-16", "１２３", "\r\n", "\t", "\u007f", "\u0085", "\u200b", "\u202e", "\ufeff", "\uffff",
        "😀", "Лавров", "ジュネーブ", "../../etc/passwd", "<script>alert(1)</script>", "{\"a\":1}", "[]", "${jndi:x}", "%00", "%s%n",
    ];

    /// <summary>Strings of C0 controls and DEL, NUL included.</summary>
    public static readonly Gen<string> ControlCharacters =
        Gen.OneOf(Gen.Char[(char)0, (char)0x1f], Gen.Const('\u007f')).Array[1, 6].Select(chars => new string(chars));

    /// <summary>A high or low surrogate on its own: not representable in UTF-8, so encoders must escape or replace it.</summary>
    public static readonly Gen<string> LoneSurrogates =
        Gen.Char[(char)0xd800, (char)0xdfff].Select(c => $"a{c}b");

    /// <summary>Any UTF-16 code units, surrogates and noncharacters included.</summary>
    public static readonly Gen<string> AnyUnits = Gen.Char.Array[0, 12].Select(chars => new string(chars));

    public static readonly Gen<string> FtsSoup =
        Gen.OneOf(FtsTokens).Array[1, 6].Select(tokens => string.Join(" ", tokens));

    /// <summary>Long strings for query values and path segments, which no size limit guards: up to 20,001 characters.</summary>
    public static readonly Gen<string> Long =
        Gen.Select(Gen.OneOf(256, 1001, 4001, 20_001), Gen.OneOf('a', 'é', '"', '%', ' '), (length, c) => new string(c, length));

    /// <summary>Long strings for bodies, up to past the 1 MiB request limit.</summary>
    public static readonly Gen<string> VeryLong =
        Gen.Select(Gen.OneOf(1001, 20_001, 200_000, 1_100_000), Gen.OneOf('a', 'é', '\\', '\n'), (length, c) => new string(c, length));

    public static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf(Fixed)),
        (3, Gen.OneOf(SqlFragments)),
        (2, ControlCharacters),
        (2, LoneSurrogates),
        (2, AnyUnits),
        (2, FtsSoup),
        (1, Long));

    /// <summary>Byte sequences that are not UTF-8: lone continuation, overlong, truncated, surrogate (CESU), out of range.</summary>
    public static readonly byte[][] InvalidUtf8 =
    [
        [0xff], [0x80], [0xc3, 0x28], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xfe, 0xff, 0xff], [0xc3],
    ];

    /// <summary>Query and path fragments sent as they are: bad escapes, escapes of invalid UTF-8, and separators.</summary>
    public static readonly string[] RawUrlGarbage =
    [
        "%", "%zz", "%%41", "%u0041", "%C3%28", "%ED%A0%80", "%FF%FE", "%C0%AF", "%E2%82", "%00", "%0A", "%E2%80%AE", "+", "%2B", "%26",
        "&", "=", "==", "&&=&", "a[]=1", "%2F", "%2e%2e", "..", ";", "%3B", "%23", "%3F", "%5C",
    ];

    private static readonly string[] JsonWrongTypes =
        ["0", "123", "-1", "1.5", "true", "false", "null", "[]", "{}", "[1,\"a\",null]", "{\"a\":1}", "\"\"", "\"x\"", "[[]]", "[{}]"];

    private static readonly string[] JsonNumbers =
    [
        "1e400", "-1e400", "-0", "0e0", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1E+309", "4.9e-324",
        "0.1e-400", "123456789012345678901234567890", "2147483648", "-2147483649", "1.0", "1e2", "0.5",
    ];

    public static readonly Gen<byte[]> Nesting =
        Gen.Select(Gen.OneOf(63, 64, 65, 1000, 10_000), Gen.Bool, (depth, arrays) => Encoding.UTF8.GetBytes(arrays
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));

    /// <summary>A JSON value to put where a field's value belongs.</summary>
    public static readonly Gen<byte[]> JsonValue = Gen.Frequency(
        (3, Gen.OneOf(JsonWrongTypes).Select(Encoding.UTF8.GetBytes)),
        (3, Gen.OneOf(JsonNumbers).Select(Encoding.UTF8.GetBytes)),
        (5, Text.Select(JsonText.String)),
        (1, VeryLong.Select(JsonText.String)),
        (2, Gen.OneOf(InvalidUtf8).Select(bytes => (byte[])[.. "\"a"u8, .. bytes, .. "b\""u8])),
        (1, Nesting),
        (1, Text.Array[0, 4].Select(items => (byte[])[(byte)'[', .. JoinJson(items.Select(JsonText.String)), (byte)']'])));

    /// <summary>Whole bodies that are not what any operation takes.</summary>
    public static readonly Gen<byte[]> Body = Gen.Frequency(
        (4, Gen.OneOf(
            "", "not json", "{", "}", "[", "null", "[]", "{}", "\"text\"", "1e400", "-0", "true", "{\"a\":1,}", "{'a':1}", "{\"a\":1}/*c*/",
            "\ufeff{}", "NaN", "[1,2", "<xml/>", "a=b&c=d", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--",
            "{\"a\":1}{\"b\":2}", "{\"a\":1}\n\n{", "\n", "\u0000").Select(Encoding.UTF8.GetBytes)),
        (2, Gen.OneOf(InvalidUtf8).Select(bytes => (byte[])[(byte)'{', (byte)'"', .. bytes, (byte)'"', (byte)':', (byte)'1', (byte)'}'])),
        (1, Gen.OneOf<byte[]>([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00], [0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d], [0x00, 0x00, 0x00])),
        (2, Nesting),
        (1, Gen.OneOf(1000, 100_000).Select(n => Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("1", n)) + "]"))));

    public static readonly string[] ContentTypes =
    [
        "application/json", "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; charset=nonsense",
        "application/merge-patch+json", "application/x-ndjson", "*/*", "application/", "application/json, text/plain", ";;",
    ];

    public static readonly string[] HeaderValues =
    [
        "\"1\"", "\"0\"", "*", "W/\"1\"", "\"99999999999999999999\"", "\"-1\"", "garbage", "\"", "", " ", "\"1\", \"2\"", "' OR 1=1 --",
        "%00", "\"1e400\"", new string('a', 300),
    ];

    public static readonly string[] AcceptValues =
        ["text/csv", "application/x-ndjson", "application/xml", "*/*", "text/csv, application/x-ndjson", "garbage/", ";;;", "text/*;q=x"];

    private static byte[] JoinJson(IEnumerable<byte[]> values) =>
        [.. values.SelectMany((value, i) => i == 0 ? value : [(byte)',', .. value])];
}

/// <summary>JSON text written by hand, so that what System.Text.Json would refuse to write can still be sent.</summary>
public static class JsonText
{
    /// <summary>A JSON string: quotes, backslashes and controls escaped, a lone surrogate as a \u escape (valid JSON text, not valid Unicode).</summary>
    public static byte[] String(string value)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c))
            {
                text.Append($"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }
        return Encoding.UTF8.GetBytes(text.Append('"').ToString());
    }
}
