namespace Concordat.Testing.Telemetry;

/// <summary>
/// A span as a process under test exported it: just what end-to-end assertions need (which service, which
/// trace, which parent, what kind, string attributes), with identifiers as lower-case hex as they appear in
/// <c>traceparent</c> headers and logs, so they can be compared directly.
/// </summary>
/// <param name="ServiceName">The resource's <c>service.name</c>; empty when the exporter sent none.</param>
/// <param name="ScopeName">The instrumentation scope (the <c>ActivitySource</c> name).</param>
/// <param name="TraceId">32 lower-case hex characters.</param>
/// <param name="SpanId">16 lower-case hex characters.</param>
/// <param name="ParentSpanId">16 lower-case hex characters, or <see langword="null"/> for a root span.</param>
/// <param name="Name">The span's name.</param>
/// <param name="Kind">Which side of an interaction the span records.</param>
/// <param name="Start">When the span started.</param>
/// <param name="End">When the span ended.</param>
/// <param name="Attributes">The span's string-valued attributes; attributes of other types are left out.</param>
public sealed record ReceivedSpan(
    string ServiceName,
    string ScopeName,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    SpanKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyDictionary<string, string> Attributes);
