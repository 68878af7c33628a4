using System.Buffers.Binary;
using System.Text;

namespace Concordat.Testing.Tests.Telemetry;

/// <summary>
/// Writes a minimal OTLP <c>ExportTraceServiceRequest</c> by hand, for requests the real exporter does not
/// send (compressed or out-of-order ones), so the receiver's handling of them can be tested.
/// </summary>
internal static class OtlpRequestWriter
{
    /// <summary>One span of one service; the resource is written after the spans, which protobuf allows.</summary>
    public static byte[] OneSpan(string service, string scope, string traceId, string spanId, string name, int kind)
    {
        var span = Concat(
            Bytes(1, Convert.FromHexString(traceId)),
            Bytes(2, Convert.FromHexString(spanId)),
            Bytes(5, name),
            Varint(6, (ulong)kind),
            Fixed64(7, 1_700_000_000_000_000_000),
            Fixed64(8, 1_700_000_000_250_000_000));
        var scopeSpans = Concat(Bytes(2, span), Bytes(1, Bytes(1, scope)));
        var serviceName = Concat(Bytes(1, "service.name"), Bytes(2, Bytes(1, service)));
        var resourceSpans = Concat(Bytes(2, scopeSpans), Bytes(1, Bytes(1, serviceName)));
        return Bytes(1, resourceSpans);
    }

    private static byte[] Bytes(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(int field, byte[] value) => Concat(Tag(field, 2), VarintBytes((ulong)value.Length), value);

    private static byte[] Varint(int field, ulong value) => Concat(Tag(field, 0), VarintBytes(value));

    private static byte[] Fixed64(int field, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Concat(Tag(field, 1), bytes);
    }

    private static byte[] Tag(int field, int wireType) => VarintBytes((ulong)((field << 3) | wireType));

    private static byte[] VarintBytes(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];
}
