using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concordat.ServiceDefaults.Input;

/// <summary>
/// The one place every API request's input passes through before a handler sees it: the bound body, query and route
/// values. Text must be storable (<see cref="StoredText"/>) and a list may not hold <c>null</c> where an element belongs.
/// Anything else is a 400 validation problem naming each field (<c>affiliations[0]</c>, <c>record_type</c>), so no such
/// input reaches the database or a handler that would trip over it.
/// </summary>
public static class RequestInput
{
    private const int MaxDepth = 64;

    /// <summary>The group every API endpoint of a service is mapped in, so each gets the input check.</summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("");
        api.AddEndpointFilterFactory(Filter);
        return api;
    }

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var isService = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        // What reflection says of each input is read once per endpoint here, not on every request.
        var inputs = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Parameter: parameter, Index: index))
            .Where(p => IsInput(p.Parameter.ParameterType, isService))
            .Select(p => (
                p.Index,
                // A body or [AsParameters] object contributes its fields' names; a single value its own.
                Path: p.Parameter.ParameterType == typeof(string) ? NameOf(p.Parameter) : "",
                MultiLine: p.Parameter.IsDefined(typeof(MultiLineAttribute))))
            .ToList();
        if (inputs.Count == 0)
        {
            return async invocation => ErrorMembers.NameAsJson(await next(invocation));
        }

        return async invocation =>
        {
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (index, path, multiLine) in inputs)
            {
                if (index < invocation.Arguments.Count)
                {
                    Check(invocation.Arguments[index], path, multiLine, json, errors, 0);
                }
            }

            return errors.Count == 0
                ? ErrorMembers.NameAsJson(await next(invocation))
                : TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        };
    }

    /// <summary>Text, or an object of the platform's own (a request record, a query object) that is not a service.</summary>
    private static bool IsInput(Type type, IServiceProviderIsService? isService) =>
        type == typeof(string)
        || (type.IsClass && IsOwn(type) && isService?.IsService(type) != true);

    private static bool IsOwn(Type type) => type.Assembly.GetName().Name?.StartsWith("Concordat.", StringComparison.Ordinal) == true;

    private static void Check(object? value, string path, bool multiLine, JsonSerializerOptions json, Dictionary<string, List<string>> errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (StoredText.Refusal(text, multiLine) is { } refusal)
                {
                    Add(errors, path, refusal);
                }

                return;
        }

        var type = value.GetType();
        if (type.IsValueType || depth > MaxDepth)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                var at = $"{path}[{index++}]";
                if (item is null)
                {
                    Add(errors, at, "An element of this list is null; send a value, or leave the element out.");
                }
                else
                {
                    Check(item, at, multiLine, json, errors, depth + 1);
                }
            }

            return;
        }

        if (!IsOwn(type) || json.GetTypeInfo(type) is not { Kind: JsonTypeInfoKind.Object } info)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.Get is null)
            {
                continue;
            }

            var (name, fieldMultiLine) = Properties.GetOrAdd(property, static p =>
            {
                var attributes = p.AttributeProvider?.GetCustomAttributes(true) ?? [];
                return (attributes.OfType<IFromQueryMetadata>().FirstOrDefault()?.Name ?? p.Name, attributes.OfType<MultiLineAttribute>().Any());
            });
            Check(property.Get(value), path.Length == 0 ? name : $"{path}.{name}", fieldMultiLine, json, errors, depth + 1);
        }
    }

    /// <summary>Each request field's wire name and whether it may span lines, read from its attributes once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<JsonPropertyInfo, (string Name, bool MultiLine)> Properties = new();

    private static string NameOf(ParameterInfo parameter) =>
        parameter.GetCustomAttributes(true).OfType<IFromQueryMetadata>().FirstOrDefault()?.Name
        ?? parameter.GetCustomAttributes(true).OfType<IFromRouteMetadata>().FirstOrDefault()?.Name
        ?? parameter.GetCustomAttributes(true).OfType<IFromHeaderMetadata>().FirstOrDefault()?.Name
        ?? parameter.Name
        ?? "";

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var messages))
        {
            errors[key] = messages = [];
        }

        messages.Add(message);
    }
}
