namespace Concordat.Testing.Telemetry;

/// <summary>
/// Turns an OTLP <c>ExportTraceServiceRequest</c> into <see cref="ReceivedSpan"/>s, reading only the fields
/// tests assert on and skipping the rest, so any field the exporter adds later is harmless.
/// </summary>
internal static class TraceRequestDecoder
{
    private const string ServiceNameKey = "service.name";

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    public static List<ReceivedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        var reader = new ProtoReader(request);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                spans.AddRange(DecodeResourceSpans(reader.ReadBytes()));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return spans;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // The resource may come after the spans on the wire, so the service name is applied at the end.
    private static IEnumerable<ReceivedSpan> DecodeResourceSpans(ReadOnlySpan<byte> message)
    {
        var service = "";
        var spans = new List<ReceivedSpan>();
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited:
                    service = DecodeServiceName(reader.ReadBytes()) ?? service;
                    break;
                case 2 when wire == ProtoReader.LengthDelimited:
                    DecodeScopeSpans(reader.ReadBytes(), spans);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return spans.Select(span => span with { ServiceName = service });
    }

    // Resource { repeated KeyValue attributes = 1; }
    private static string? DecodeServiceName(ReadOnlySpan<byte> message)
    {
        string? service = null;
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                var (key, value) = DecodeKeyValue(reader.ReadBytes());
                if (key == ServiceNameKey && value is not null)
                {
                    service = value;
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return service;
    }

    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
    // The scope may likewise follow its spans, so its name is applied at the end.
    private static void DecodeScopeSpans(ReadOnlySpan<byte> message, List<ReceivedSpan> spans)
    {
        var scopeName = "";
        var first = spans.Count;
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited:
                    scopeName = DecodeScopeName(reader.ReadBytes());
                    break;
                case 2 when wire == ProtoReader.LengthDelimited:
                    spans.Add(DecodeSpan(reader.ReadBytes()));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        for (var i = first; i < spans.Count; i++)
        {
            spans[i] = spans[i] with { ScopeName = scopeName };
        }
    }

    // InstrumentationScope { string name = 1; }
    private static string DecodeScopeName(ReadOnlySpan<byte> message)
    {
        var name = "";
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                name = reader.ReadString();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return name;
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4;
    //        string name = 5; SpanKind kind = 6; fixed64 start_time_unix_nano = 7;
    //        fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9; }
    private static ReceivedSpan DecodeSpan(ReadOnlySpan<byte> message)
    {
        string traceId = "", spanId = "", name = "";
        string? parentSpanId = null;
        var kind = SpanKind.Unspecified;
        ulong start = 0, end = 0;
        var attributes = new Dictionary<string, string>();
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited:
                    traceId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case 2 when wire == ProtoReader.LengthDelimited:
                    spanId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case 4 when wire == ProtoReader.LengthDelimited:
                    var parent = reader.ReadBytes();
                    parentSpanId = parent.IsEmpty ? null : Convert.ToHexStringLower(parent);
                    break;
                case 5 when wire == ProtoReader.LengthDelimited:
                    name = reader.ReadString();
                    break;
                case 6 when wire == ProtoReader.Varint:
                    kind = (SpanKind)reader.ReadVarint();
                    break;
                case 7 when wire == ProtoReader.Fixed64:
                    start = reader.ReadFixed64();
                    break;
                case 8 when wire == ProtoReader.Fixed64:
                    end = reader.ReadFixed64();
                    break;
                case 9 when wire == ProtoReader.LengthDelimited:
                    var (key, value) = DecodeKeyValue(reader.ReadBytes());
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

        return new ReceivedSpan("", "", traceId, spanId, parentSpanId, name, kind, FromUnixNanoseconds(start), FromUnixNanoseconds(end), attributes);
    }

    // KeyValue { string key = 1; AnyValue value = 2; }
    private static (string Key, string? Value) DecodeKeyValue(ReadOnlySpan<byte> message)
    {
        var key = "";
        string? value = null;
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited:
                    key = reader.ReadString();
                    break;
                case 2 when wire == ProtoReader.LengthDelimited:
                    value = DecodeStringValue(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return (key, value);
    }

    // AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; ... } }
    private static string? DecodeStringValue(ReadOnlySpan<byte> message)
    {
        string? value = null;
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                value = reader.ReadString();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return value;
    }

    private static DateTimeOffset FromUnixNanoseconds(ulong nanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(nanoseconds / TimeSpan.NanosecondsPerTick));
}
