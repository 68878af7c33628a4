using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concordat.ServiceDefaults;

/// <summary>
/// The words a field or query parameter takes when it is an enumeration, spelt as on the wire (<c>county_council</c>),
/// so a refusal can list them (<c>docs/registry.md</c> promises it) instead of naming a .NET type.
/// </summary>
internal static partial class AllowedWords
{
    /// <summary>The words of the body field at <paramref name="field"/> (<c>kind</c>, <c>roles[0]</c>) of the endpoint's request type; null if it is not an enumeration.</summary>
    public static IReadOnlyList<string>? OfBodyField(HttpContext context, string field)
    {
        var requestType = EndpointOf(context)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = context.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions;
        if (requestType is null || options is null)
        {
            return null;
        }

        try
        {
            var type = requestType;
            foreach (Match segment in Segment().Matches(field))
            {
                type = segment.Groups["name"].Success
                    ? options.GetTypeInfo(type).Properties.FirstOrDefault(p => string.Equals(p.Name, segment.Groups["name"].Value, StringComparison.OrdinalIgnoreCase))?.PropertyType
                    : options.GetTypeInfo(type).ElementType;
                if (type is null)
                {
                    return null;
                }
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
            return type.IsEnum
                ? [.. Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, options).Trim('"'))]
                : null;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The words of the handler's parameter <paramref name="name"/> when it binds an enumeration through a wrapper
    /// whose text is the word (<c>Wire&lt;OrganisationKind&gt;</c>); null otherwise.
    /// </summary>
    public static IReadOnlyList<string>? OfParameter(HttpContext context, string name)
    {
        var parameter = EndpointOf(context)?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name);
        if (parameter is null)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type is not { IsGenericType: true, IsValueType: true } || type.GetGenericArguments() is not [{ IsEnum: true } enumType])
        {
            return null;
        }

        var wrap = type.GetConstructor([enumType]);
        return wrap is null ? null : [.. Enum.GetValues(enumType).Cast<object>().Select(v => wrap.Invoke([v]).ToString() ?? "")];
    }

    /// <summary>The endpoint that failed: the exception handler has already cleared the request's own.</summary>
    private static Endpoint? EndpointOf(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[\d+\]")]
    private static partial Regex Segment();
}
