using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Concordat.ServiceDefaults.OpenApi;

/// <summary>
/// The OpenAPI document every service serves at <c>/openapi/v1.json</c>, made to describe the API as it behaves,
/// because partners generate clients from it: the bearer and API-key security schemes and which operations need them
/// (read from each endpoint's access declaration, <see cref="AccessConventions"/>); a summary for every operation;
/// request properties required only when the API requires them; integers typed <c>integer</c>. One place, so every
/// service's document is described the same way.
/// </summary>
public static partial class ApiDescription
{
    /// <summary>The name of the bearer-token security scheme in the documents.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>The name of the partner API key security scheme in the documents.</summary>
    public const string ApiKeyScheme = "apiKey";

    /// <summary>Adds the service's OpenAPI document; <paramref name="configure"/> adds the service's own transformers.</summary>
    public static IServiceCollection AddApiDescription(this IServiceCollection services, Action<OpenApiOptions>? configure = null) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                DeclareSecuritySchemes(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                Describe(operation, context);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                Describe(schema, context.JsonTypeInfo);
                return Task.CompletedTask;
            });
            configure?.Invoke(options);
        });

    private static void DeclareSecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A bearer token from the platform's identity provider (docs/security.md).",
        };
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.Header,
            Description = "A partner organisation's API key (docs/security.md, \"Partner API keys\"); its caller has the partner role.",
        };
        foreach (var server in document.Servers ?? [])
        {
            // The address a request came in on ends in "/", and the paths begin with one.
            server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : server.Url;
        }
    }

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (string.IsNullOrWhiteSpace(operation.Summary)
            && metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName is { Length: > 0 } name)
        {
            operation.Summary = Sentence(name);
        }

        var access = metadata.OfType<AccessPolicy>().LastOrDefault();
        if (access is null)
        {
            return;
        }

        // Public operations say so with an empty requirement: no credentials needed.
        operation.Security = access.Kind == AccessKind.Public
            ? [new OpenApiSecurityRequirement()]
            : [.. Requirements(access, context.Document)];
        if (access.Kind != AccessKind.Public)
        {
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid credentials were presented." });
            if (access.Kind != AccessKind.Token)
            {
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The caller does not hold {access.Needed}." });
            }
        }
    }

    private static IEnumerable<OpenApiSecurityRequirement> Requirements(AccessPolicy access, OpenApiDocument? document)
    {
        yield return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] };
        if (access.Kind == AccessKind.Token || access.Roles.Contains(ConcordatRoles.Partner))
        {
            yield return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] };
        }
    }

    private static void Describe(OpenApiSchema schema, JsonTypeInfo type)
    {
        // Numbers are accepted as strings too (the web defaults), but a client should send and expect numbers.
        if (schema.Type is { } kind && kind.HasFlag(JsonSchemaType.String) && (kind.HasFlag(JsonSchemaType.Integer) || kind.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = kind & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 })
        {
            return;
        }

        // A property is required when the API refuses a body without it: required in C#, or a validation attribute
        // that refuses its default ([Required], [Range(1, …)]). A field that may be null may be left out; so may any
        // other field of a validated request, which then takes its default.
        var validated = type.Properties.Any(p => Validations(p).Any());
        schema.Required ??= new HashSet<string>();
        foreach (var property in type.Properties.Where(p => schema.Properties.ContainsKey(p.Name)))
        {
            if (RefusesAbsence(property))
            {
                schema.Required.Add(property.Name);
            }
            else if (validated || IsNullable(property))
            {
                schema.Required.Remove(property.Name);
            }
        }
    }

    private static IEnumerable<ValidationAttribute> Validations(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(ValidationAttribute), inherit: true).OfType<ValidationAttribute>() ?? [];

    private static bool RefusesAbsence(JsonPropertyInfo property)
    {
        if (property.IsRequired)
        {
            return true;
        }

        var absent = property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
            ? Activator.CreateInstance(property.PropertyType)
            : null;
        return Validations(property).Any(v => !v.IsValid(absent));
    }

    private static bool IsNullable(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null || (!property.PropertyType.IsValueType && property.IsGetNullable);

    /// <summary><c>RegisterOrganisation</c> → "Register organisation".</summary>
    internal static string Sentence(string name)
    {
        var words = Word().Matches(name).Select(m => m.Value).ToList();
        return words.Count == 0
            ? name
            : string.Join(' ', words.Select((w, i) => i == 0 ? w : w.All(char.IsUpper) ? w : w.ToLowerInvariant()));
    }

    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+")]
    private static partial Regex Word();
}
