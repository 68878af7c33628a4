using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Concordat.Registry.OpenData;

/// <summary>
/// The Popolo document is written snake_case (<see cref="PopoloExport.JsonOptions"/>), not with the API's camelCase, so
/// its schemas in the OpenAPI document name the members as the document does (<c>organization_id</c>).
/// </summary>
public sealed class PopoloSchemaNames : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.Namespace != typeof(PopoloDocument).Namespace || !type.Name.StartsWith("Popolo", StringComparison.Ordinal) || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }

        var naming = PopoloExport.JsonOptions.PropertyNamingPolicy!;
        foreach (var (name, property) in properties.ToList())
        {
            properties.Remove(name);
            properties[naming.ConvertName(name)] = property;
        }

        if (schema.Required is { Count: > 0 } required)
        {
            schema.Required = new HashSet<string>(required.Select(naming.ConvertName));
        }

        return Task.CompletedTask;
    }
}
