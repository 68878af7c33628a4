using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concordat.Testing.Telemetry;

public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>A span as the platform's processes exported it.</summary>
public sealed record ReceivedSpan(
    string ServiceName,
    string ScopeName,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    SpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// An OTLP/HTTP trace receiver for end-to-end tests: the processes under test export to it
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, protocol <c>http/protobuf</c>) and a test asserts on the spans.
/// The protobuf is decoded by hand (only the fields tests need) because no OTLP receiver package
/// restores here.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedSpan> _spans = [];
    private readonly Lock _gate = new();

    private OtlpTraceReceiver(WebApplication app) => _app = app;

    /// <summary>The base address to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return [.. _spans];
            }
        }
    }

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app);
        app.MapPost("/v1/traces", receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address + "/");
        return receiver;
    }

    /// <summary>Waits until the spans received satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForAsync(Func<IReadOnlyList<ReceivedSpan>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var spans = Spans;
            if (condition(spans))
            {
                return spans;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = string.Join("\n", spans.Select(s => $"  {s.TraceId} {s.ServiceName} {s.Kind} {s.Name}"));
                throw new TimeoutException($"The spans received did not meet the condition within {timeout}. Received:\n{seen}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var body = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        await body.CopyToAsync(buffer);
        var spans = Decode(buffer.ToArray());
        lock (_gate)
        {
            _spans.AddRange(spans);
        }

        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    internal static List<ReceivedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        var reader = new ProtoReader(request);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                DecodeResourceSpans(reader.Bytes(), spans);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return spans;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    private static void DecodeResourceSpans(ReadOnlySpan<byte> message, List<ReceivedSpan> spans)
    {
        var service = "";
        var scopes = new List<byte[]>();
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited:
                    // Resource { repeated KeyValue attributes = 1; }
                    var resource = new ProtoReader(reader.Bytes());
                    while (resource.Next(out var f, out var w))
                    {
                        if (f == 1 && w == ProtoReader.LengthDelimited)
                        {
                            var (key, value) = DecodeKeyValue(resource.Bytes());
                            if (key == "service.name")
                            {
                                service = value ?? "";
                            }
                        }
                        else
                        {
                            resource.Skip(w);
                        }
                    }

                    break;
                case 2 when wire == ProtoReader.LengthDelimited:
                    scopes.Add(reader.Bytes().ToArray());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        foreach (var scope in scopes)
        {
            DecodeScopeSpans(scope, service, spans);
        }
    }

    // ScopeSpans { InstrumentationScope scope = 1 { string name = 1; }; repeated Span spans = 2; }
    private static void DecodeScopeSpans(ReadOnlySpan<byte> message, string service, List<ReceivedSpan> spans)
    {
        var scopeName = "";
        var raw = new List<byte[]>();
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited:
                    var scope = new ProtoReader(reader.Bytes());
                    while (scope.Next(out var f, out var w))
                    {
                        if (f == 1 && w == ProtoReader.LengthDelimited)
                        {
                            scopeName = scope.String();
                        }
                        else
                        {
                            scope.Skip(w);
                        }
                    }

                    break;
                case 2 when wire == ProtoReader.LengthDelimited:
                    raw.Add(reader.Bytes().ToArray());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        spans.AddRange(raw.Select(span => DecodeSpan(span, service, scopeName)));
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6; repeated KeyValue attributes = 9; }
    private static ReceivedSpan DecodeSpan(ReadOnlySpan<byte> message, string service, string scope)
    {
        string traceId = "", spanId = "", name = "";
        string? parent = null;
        var kind = SpanKind.Unspecified;
        var attributes = new Dictionary<string, string>();
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited:
                    traceId = Convert.ToHexStringLower(reader.Bytes());
                    break;
                case 2 when wire == ProtoReader.LengthDelimited:
                    spanId = Convert.ToHexStringLower(reader.Bytes());
                    break;
                case 4 when wire == ProtoReader.LengthDelimited:
                    var parentBytes = reader.Bytes();
                    parent = parentBytes.IsEmpty ? null : Convert.ToHexStringLower(parentBytes);
                    break;
                case 5 when wire == ProtoReader.LengthDelimited:
                    name = reader.String();
                    break;
                case 6 when wire == ProtoReader.Varint:
                    kind = (SpanKind)reader.ReadVarintValue();
                    break;
                case 9 when wire == ProtoReader.LengthDelimited:
                    var (key, value) = DecodeKeyValue(reader.Bytes());
                    if (value is not null)
                    {
                        attributes[key] = value;
                    }

                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new ReceivedSpan(service, scope, traceId, spanId, parent, name, kind, attributes);
    }

    // KeyValue { string key = 1; AnyValue value = 2 { string string_value = 1; ... } }
    private static (string Key, string? Value) DecodeKeyValue(ReadOnlySpan<byte> message)
    {
        string key = "";
        string? value = null;
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                key = reader.String();
            }
            else if (field == 2 && wire == ProtoReader.LengthDelimited)
            {
                var any = new ProtoReader(reader.Bytes());
                while (any.Next(out var f, out var w))
                {
                    if (f == 1 && w == ProtoReader.LengthDelimited)
                    {
                        value = any.String();
                    }
                    else
                    {
                        any.Skip(w);
                    }
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (key, value);
    }
}
