using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Concordat.Testing.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SpanKind = Concordat.Testing.Telemetry.SpanKind;

namespace Concordat.Testing.Tests.Telemetry;

public sealed class OtlpTraceReceiverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Receiver_decodes_spans_sent_by_the_OTLP_exporter()
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        using var source = new ActivitySource("Concordat.Testing.Tests.Probe");
        using var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("probe-service"))
            .AddSource(source.Name)
            .AddOtlpExporter(options =>
            {
                options.Protocol = OtlpExportProtocol.HttpProtobuf;
                options.Endpoint = new Uri(receiver.Endpoint, "v1/traces");
                options.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using (source.StartActivity("probe parent", ActivityKind.Server))
        {
            using var childActivity = source.StartActivity("probe child", ActivityKind.Client);
            childActivity?.SetTag("probe.outcome", "delivered");
        }

        Assert.True(provider.ForceFlush(5_000));
        var spans = await receiver.WaitForAsync(received => received.Count >= 2, Patience);

        var parent = Assert.Single(spans, s => s.Name == "probe parent");
        var child = Assert.Single(spans, s => s.Name == "probe child");
        Assert.Equal(parent.TraceId, child.TraceId);
        Assert.Matches("^[0-9a-f]{32}$", parent.TraceId);
        Assert.Matches("^[0-9a-f]{16}$", parent.SpanId);
        Assert.Null(parent.ParentSpanId);
        Assert.Equal(parent.SpanId, child.ParentSpanId);
        Assert.All(spans, s => Assert.Equal("probe-service", s.ServiceName));
        Assert.All(spans, s => Assert.Equal(source.Name, s.ScopeName));
        Assert.Equal(SpanKind.Server, parent.Kind);
        Assert.Equal(SpanKind.Client, child.Kind);
        Assert.Equal("delivered", child.Attributes["probe.outcome"]);
        Assert.InRange(child.Start, before, child.End);
        Assert.InRange(child.End, child.Start, parent.End);
    }

    [Fact]
    public async Task Receiver_decodes_a_gzip_compressed_request()
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        var request = OtlpRequestWriter.OneSpan(
            "zipped-service", "zipped-scope", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "zipped span", kind: 5);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(request);
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");
        using var client = new HttpClient();

        using var response = await client.PostAsync(new Uri(receiver.Endpoint, "v1/traces"), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var span = Assert.Single(receiver.Spans);
        Assert.Equal(
            new ReceivedSpan(
                "zipped-service",
                "zipped-scope",
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                null,
                "zipped span",
                SpanKind.Consumer,
                DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
                DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250),
                span.Attributes),
            span);
        Assert.Empty(span.Attributes);
    }

    [Fact]
    public async Task Receiver_rejects_a_truncated_request_and_records_nothing()
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        var request = OtlpRequestWriter.OneSpan("cut-service", "cut-scope", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "cut span", kind: 1);
        using var content = new ByteArrayContent(request[..^3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var client = new HttpClient();

        using var response = await client.PostAsync(new Uri(receiver.Endpoint, "v1/traces"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(receiver.Spans);
    }

    [Fact]
    public async Task Waiting_for_spans_that_never_arrive_times_out_naming_what_did_arrive()
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        var request = OtlpRequestWriter.OneSpan("lonely-service", "lonely-scope", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "lonely span", kind: 2);
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var client = new HttpClient();
        using var response = await client.PostAsync(new Uri(receiver.Endpoint, "v1/traces"), content);
        response.EnsureSuccessStatusCode();

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => receiver.WaitForAsync(spans => spans.Any(s => s.ServiceName == "absent-service"), TimeSpan.FromMilliseconds(300)));

        Assert.Contains("lonely-service", error.Message, StringComparison.Ordinal);
        Assert.Contains("lonely span", error.Message, StringComparison.Ordinal);
    }
}
