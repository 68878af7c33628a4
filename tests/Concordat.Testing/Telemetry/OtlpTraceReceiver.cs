using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Concordat.Testing.Telemetry;

/// <summary>
/// An in-process OTLP/HTTP trace receiver, so an end-to-end test can assert on the traces the real processes
/// export without running a collector: point them at <see cref="Endpoint"/> (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// with protocol <c>http/protobuf</c>) and wait for the spans. It listens on loopback only, on a port the
/// system chooses, so parallel test runs never collide. The protobuf is decoded by hand, and only the fields
/// tests need, to keep protobuf tooling and copied <c>.proto</c> files out of the tests.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private const string TracesPath = "/v1/traces";
    private const string ProtobufContentType = "application/x-protobuf";

    private readonly WebApplication _app;
    private readonly List<ReceivedSpan> _spans = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _received = NewSignal();

    private OtlpTraceReceiver(WebApplication app) => _app = app;

    /// <summary>The base address, e.g. <c>http://127.0.0.1:45678/</c>; exporters post to <c>v1/traces</c> under it.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>A snapshot of every span received so far, in the order they arrived.</summary>
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

    /// <summary>Starts listening on <c>http://127.0.0.1</c> with an ephemeral port.</summary>
    public static async Task<OtlpTraceReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app);
        app.MapPost(TracesPath, receiver.ReceiveAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>
    /// Waits until the spans received satisfy <paramref name="condition"/> and returns them. Processes export in
    /// their own batches and at their own pace, so a test waits for what it needs rather than sleeping.
    /// </summary>
    /// <exception cref="TimeoutException">The condition did not hold in time; the message lists what did arrive.</exception>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForAsync(Func<IReadOnlyList<ReceivedSpan>, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            IReadOnlyList<ReceivedSpan> spans;
            Task received;
            lock (_gate)
            {
                spans = [.. _spans];
                received = _received.Task;
            }

            if (condition(spans))
            {
                return spans;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException(DescribeTimeout(spans, timeout));
            }

            try
            {
                await received.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                // One last look: spans may have arrived just as the time ran out.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string DescribeTimeout(IReadOnlyList<ReceivedSpan> spans, TimeSpan timeout)
    {
        if (spans.Count == 0)
        {
            return $"The spans received did not meet the condition within {timeout}. No spans were received.";
        }

        var received = string.Join(Environment.NewLine, spans.Select(s => $"  {s.ServiceName}: {s.Name} ({s.Kind}, trace {s.TraceId})"));
        return $"The spans received did not meet the condition within {timeout}. Received {spans.Count}:{Environment.NewLine}{received}";
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        List<ReceivedSpan> spans;
        try
        {
            spans = TraceRequestDecoder.Decode(await ReadBodyAsync(context.Request));
        }
        catch (InvalidDataException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Record(spans);

        // An empty ExportTraceServiceResponse (full success) is zero bytes.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
        context.Response.ContentLength = 0;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        var gzip = request.Headers.ContentEncoding.Any(e => string.Equals(e?.Trim(), "gzip", StringComparison.OrdinalIgnoreCase));
        await using var body = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        using var buffer = new MemoryStream();
        await (body ?? request.Body).CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private void Record(List<ReceivedSpan> spans)
    {
        TaskCompletionSource received;
        lock (_gate)
        {
            _spans.AddRange(spans);
            received = _received;
            _received = NewSignal();
        }

        received.TrySetResult();
    }
}
