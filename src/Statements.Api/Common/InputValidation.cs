// Runs the DataAnnotations on a request body, nested objects and list items included, and reports each
// failure under the camelCase JSON path of the field (roles[1].title), as the problem's errors map.
// Each type's attributes are read once: bulk import validates every line, and Validator.TryValidateObject
// looks them up (and builds a context per property) on every call.
using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace Statements.Api.Common;

public static class InputValidation
{
    public static Dictionary<string, string[]> Validate(object input)
    {
        var errors = new Dictionary<string, List<string>>();
        Collect(input, prefix: "", errors);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void Collect(object input, string prefix, Dictionary<string, List<string>> errors)
    {
        var rules = TypeRules.For(input.GetType());
        var results = new List<ValidationResult>();
        rules.Validate(input, results);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [""];
            foreach (var member in members)
            {
                AddError(errors, (prefix + JsonNamingPolicy.CamelCase.ConvertName(member)).TrimEnd('.'), result.ErrorMessage ?? "The value is not valid.");
            }
        }
        // Paths are only built for an error or a nested object: a valid body (every line of a bulk import) makes none.
        foreach (var member in rules.Members)
        {
            var value = member.Get(input);
            if (value is string text)
            {
                CheckCharacters(text, prefix, member.Name, errors);
                continue;
            }
            if (value is null)
            {
                continue;
            }
            if (value is not IEnumerable items)
            {
                Collect(value, $"{prefix}{member.Name}.", errors);
                continue;
            }
            var index = 0;
            foreach (var item in items)
            {
                if (item is null)
                {
                    errors[$"{prefix}{member.Name}[{index}]"] = ["An item cannot be null."];
                }
                else if (item is string itemText)
                {
                    CheckCharacters(itemText, prefix, $"{member.Name}[{index}]", errors);
                }
                else if (item.GetType().IsClass)
                {
                    Collect(item, $"{prefix}{member.Name}[{index}].", errors);
                }
                index++;
            }
        }
    }

    /// <summary>Control characters other than the white-space ones (tab, line and form feeds, carriage return): invisible, and trouble in every export.</summary>
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    private static void CheckCharacters(string text, string prefix, string name, Dictionary<string, List<string>> errors)
    {
        if (text.AsSpan().IndexOfAny(ControlCharacters) is var at and >= 0)
        {
            AddError(errors, prefix + name, $"Contains the control character U+{(int)text[at]:X4}; only tab, line feed, carriage return, vertical tab and form feed may be used.");
        }
    }

    private static void AddError(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var list))
        {
            errors[path] = list = [];
        }
        list.Add(message);
    }
}

/// <summary>A type's validation attributes, read once; <see cref="Validate"/> checks them as Validator.TryValidateObject does.</summary>
internal sealed class TypeRules
{
    private static readonly ConcurrentDictionary<Type, TypeRules> Cache = new();

    private TypeRules(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        var getters = new Dictionary<PropertyInfo, Func<object, object?>>();
        Func<object, object?> GetterOf(PropertyInfo property) => getters.TryGetValue(property, out var get) ? get : getters[property] = Getter(property);
        Members = [.. properties.Where(p => !p.PropertyType.IsValueType).Select(p => new Member(JsonNamingPolicy.CamelCase.ConvertName(p.Name), GetterOf(p)))];
        Checked = [.. properties
            .Select(p => (Property: p, Attributes: p.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()))
            .Where(p => p.Attributes.Length > 0)
            .Select(p => new PropertyRules(p.Property.Name, GetterOf(p.Property), p.Property.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? JsonName(p.Property),
                p.Attributes.OfType<RequiredAttribute>().FirstOrDefault(),
                [.. p.Attributes.Where(a => a is not RequiredAttribute).Select(InPlainWords)]))];
        TypeAttributes = [.. type.GetCustomAttributes<ValidationAttribute>(inherit: true)];
    }

    /// <summary>Reads the property as a compiled delegate: PropertyInfo.GetValue goes through reflection on every call.</summary>
    private static Func<object, object?> Getter(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object));
        var read = Expression.Property(Expression.Convert(instance, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), instance).Compile();
    }

    public static TypeRules For(Type type) => Cache.GetOrAdd(type, t => new TypeRules(t));

    /// <summary>
    /// The rule, with lengths in code points, and worded for the client where .NET's default message speaks of types
    /// ("The field name must be a string with a minimum length of 1 and a maximum length of 200."). A message the
    /// attribute was given is kept as written.
    /// </summary>
    private static ValidationAttribute InPlainWords(ValidationAttribute attribute) => attribute switch
    {
        StringLengthAttribute { ErrorMessage: null, ErrorMessageResourceName: null } length => new CodePointLengthAttribute(
            new StringLengthAttribute(length.MaximumLength)
            {
                MinimumLength = length.MinimumLength,
                ErrorMessage = length.MinimumLength > 0 ? "{0} must be {2} to {1} characters long." : "{0} must be at most {1} characters long.",
            }),
        StringLengthAttribute length => new CodePointLengthAttribute(length),
        MaxLengthAttribute { ErrorMessage: null, ErrorMessageResourceName: null } max =>
            new MaxLengthAttribute(max.Length) { ErrorMessage = "{0} takes at most {1} items." },
        _ => attribute,
    };

    /// <summary>The member's name in the JSON, which messages use: the client never sees the C# name.</summary>
    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
        ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>The public instance properties that can hold text, objects or lists, in declaration order, by their camelCase names.</summary>
    public Member[] Members { get; }

    public sealed record Member(string Name, Func<object, object?> Get);

    private PropertyRules[] Checked { get; }

    private ValidationAttribute[] TypeAttributes { get; }

    private sealed record PropertyRules(string PropertyName, Func<object, object?> Get, string DisplayName, RequiredAttribute? Required, ValidationAttribute[] Others);

    /// <summary>
    /// Property attributes first (a failed Required hides the property's other failures); then, only when they all pass,
    /// the type's own attributes, and then IValidatableObject.
    /// </summary>
    public void Validate(object instance, List<ValidationResult> results)
    {
        var context = new ValidationContext(instance);
        foreach (var rules in Checked)
        {
            var value = rules.Get(instance);
            context.MemberName = rules.PropertyName;
            context.DisplayName = rules.DisplayName;
            if (rules.Required?.GetValidationResult(value, context) is { } missing)
            {
                // .NET's own wording is "The StartsOn field is required."; a custom message is kept as written.
                results.Add(rules.Required.ErrorMessage is null && rules.Required.ErrorMessageResourceName is null
                    ? new ValidationResult($"{rules.DisplayName} is required.", missing.MemberNames)
                    : missing);
                continue;
            }
            foreach (var attribute in rules.Others)
            {
                if (attribute.GetValidationResult(value, context) is { } failure)
                {
                    results.Add(failure);
                }
            }
        }
        if (results.Count > 0 || (TypeAttributes.Length == 0 && instance is not IValidatableObject))
        {
            return;
        }
        context = new ValidationContext(instance);
        foreach (var attribute in TypeAttributes)
        {
            if (attribute.GetValidationResult(instance, context) is { } failure)
            {
                results.Add(failure);
            }
        }
        if (results.Count == 0 && instance is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(context).Where(r => r != ValidationResult.Success));
        }
    }
}

/// <summary>
/// [StringLength] with lengths counted in Unicode code points, as JSON Schema's minLength and maxLength (the OpenAPI
/// document) count them, rather than in UTF-16 code units: 🌍 is one character, not two. The code points are only
/// counted when the UTF-16 length is past the maximum, since a text has at most as many code points as code units.
/// </summary>
internal sealed class CodePointLengthAttribute(StringLengthAttribute rule) : ValidationAttribute
{
    public override bool RequiresValidationContext => rule.RequiresValidationContext;

    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is string text && text.Length > rule.MaximumLength && CodePoints.Count(text) is var count
            && count <= rule.MaximumLength && count >= rule.MinimumLength)
        {
            return ValidationResult.Success;
        }
        return rule.GetValidationResult(value, context);
    }
}

internal static class CodePoints
{
    /// <summary>The number of Unicode code points: a surrogate pair counts once, a lone surrogate once.</summary>
    public static int Count(string text)
    {
        var count = text.Length;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }
        return count;
    }

    /// <summary>Whether the text is longer than <paramref name="maximum"/> code points; counts them only when it has to.</summary>
    public static bool Exceed(string text, int maximum) => text.Length > maximum && Count(text) > maximum;
}

/// <summary>Every string in the list is non-empty and at most the given length, in code points.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsLengthAttribute(int maximumLength) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is IEnumerable<string?> items && items.Any(i => string.IsNullOrWhiteSpace(i) || CodePoints.Exceed(i, maximumLength)))
        {
            return new ValidationResult(
                $"Each item must be a non-empty string of at most {maximumLength} characters.", [context.MemberName!]);
        }
        return ValidationResult.Success;
    }
}

/// <summary>Shared formats of the API's identifiers.</summary>
public static class Formats
{
    /// <summary>Not digits alone: /officials/2 names official 2, so a slug "2" could never be reached.</summary>
    public const string Slug = "^(?![0-9]+$)[a-z0-9]+(?:-[a-z0-9]+)*$";
    public const string SlugMessage = "Use lowercase letters, digits and single hyphens, not digits alone (those name ids), for example 'sergei-lavrov'.";

    /// <summary>
    /// An ISO 3166-1 alpha-2 code that is assigned (the 249 of the standard, from the tz database's iso3166.tab, and XK,
    /// Kosovo, which the EU and the UN use), in any case: a well-formed code no country has (ZZ) is refused. Written as
    /// each first letter with the second letters it takes, in both cases, so that the OpenAPI document's pattern is an
    /// ECMAScript regular expression too (which has no case-insensitive group).
    /// </summary>
    public const string Country = "^(?:" + CountryCodes + ")$";

    /// <summary>A country code as <see cref="Country"/>, or nothing (officials of international organisations).</summary>
    public const string CountryOrEmpty = "^(?:" + CountryCodes + ")?$";

    private const string CountryCodes =
        "[Aa][DdEeFfGgIiLlMmOoQqRrSsTtUuWwXxZz]|[Bb][AaBbDdEeFfGgHhIiJjLlMmNnOoQqRrSsTtVvWwYyZz]"
        + "|[Cc][AaCcDdFfGgHhIiKkLlMmNnOoRrUuVvWwXxYyZz]|[Dd][EeJjKkMmOoZz]|[Ee][CcEeGgHhRrSsTt]"
        + "|[Ff][IiJjKkMmOoRr]|[Gg][AaBbDdEeFfGgHhIiLlMmNnPpQqRrSsTtUuWwYy]|[Hh][KkMmNnRrTtUu]"
        + "|[Ii][DdEeLlMmNnOoQqRrSsTt]|[Jj][EeMmOoPp]|[Kk][EeGgHhIiMmNnPpRrWwYyZz]|[Ll][AaBbCcIiKkRrSsTtUuVvYy]"
        + "|[Mm][AaCcDdEeFfGgHhKkLlMmNnOoPpQqRrSsTtUuVvWwXxYyZz]|[Nn][AaCcEeFfGgIiLlOoPpRrUuZz]|[Oo][Mm]"
        + "|[Pp][AaEeFfGgHhKkLlMmNnRrSsTtWwYy]|[Qq][Aa]|[Rr][EeOoSsUuWw]"
        + "|[Ss][AaBbCcDdEeGgHhIiJjKkLlMmNnOoRrSsTtVvXxYyZz]|[Tt][CcDdFfGgHhJjKkLlMmNnOoRrTtVvWwZz]"
        + "|[Uu][AaGgMmSsYyZz]|[Vv][AaCcEeGgIiNnUu]|[Ww][FfSs]|[Xx][Kk]|[Yy][EeTt]|[Zz][AaMmWw]";

    public const string CountryMessage = "Use an assigned ISO 3166-1 alpha-2 code, for example 'RU'.";
    public const string Language = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"; // any case: stored as CanonicalLanguage writes it
    public const string LanguageMessage = "Use a BCP 47 language tag, for example 'en' or 'ru'.";

    /// <summary>
    /// A language tag in the case BCP 47 recommends (RFC 5646 §2.1.1), the form it is stored in: the language and
    /// most subtags in lower case, a two-letter region in capitals, a four-letter script in title case ("zh-hant-tw"
    /// is "zh-Hant-TW"). Tags are case-insensitive, so filters compare this form with the stored one.
    /// </summary>
    public static string CanonicalLanguage(string tag)
    {
        var parts = tag.ToLowerInvariant().Split('-');
        var extension = false; // after a singleton (x-, u-…) every subtag stays in lower case
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            extension |= part.Length == 1;
            if (!extension && part.Length == 2)
            {
                parts[i] = part.ToUpperInvariant();
            }
            else if (!extension && part.Length == 4 && char.IsAsciiLetter(part[0]))
            {
                parts[i] = char.ToUpperInvariant(part[0]) + part[1..];
            }
        }
        return string.Join('-', parts);
    }

    /// <summary>An ISO 3166-1 alpha-2 code as stored: in capitals.</summary>
    public static string CanonicalCountry(string code) => code.ToUpperInvariant();
}

/// <summary>
/// No string in the list contains the character: a CSV export joins the list's items with it (aliases "A|B" and "C"
/// would read back as three). Reported on the item, as aliases[0].
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsWithoutAttribute(char separator) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is IEnumerable<string?> items && items.Select((item, index) => (item, index)).FirstOrDefault(i => i.item?.Contains(separator) == true) is { item: not null } bad)
        {
            return new ValidationResult(
                $"'{separator}' separates the items of this list in CSV exports; it cannot be part of an item.", [$"{context.MemberName}[{bad.index}]"]);
        }
        return ValidationResult.Success;
    }
}
