namespace Concordat.Testing.Telemetry;

/// <summary>
/// OTLP's span kind, with the wire values of <c>Span.SpanKind</c>, so a test can say which side of a call
/// (server, client, producer, consumer) a span records without depending on an OpenTelemetry package.
/// </summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
