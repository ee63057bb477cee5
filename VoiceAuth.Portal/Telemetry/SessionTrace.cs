using System.Diagnostics;

namespace VoiceAuth.Portal.Telemetry;

/// <summary>
/// A call's webhooks arrive as unrelated requests from the carrier, possibly at different instances, with nothing
/// to carry a trace context between them but the session id in their address. So the session id is the trace id,
/// and every span of the call is a child of one derived parent span id. That parent is never exported itself
/// (some trace viewers show it as a missing root); search by trace id = session id without dashes.
/// </summary>
internal static class SessionTrace
{
    public static ActivityTraceId TraceId(Guid sessionId) => ActivityTraceId.CreateFromBytes(Bytes(sessionId));

    public static ActivityContext Parent(Guid sessionId)
    {
        var bytes = Bytes(sessionId);
        Span<byte> span = stackalloc byte[8];
        for (var i = 0; i < 8; i++)
        {
            span[i] = (byte)(bytes[i] ^ bytes[i + 8]);
        }

        span[0] |= 1; // never the all-zero (invalid) span id
        return new ActivityContext(TraceId(sessionId), ActivitySpanId.CreateFromBytes(span), ActivityTraceFlags.Recorded, isRemote: true);
    }

    // Big-endian, so that the trace id reads as the session id's hex digits in order.
    private static byte[] Bytes(Guid sessionId) => sessionId.ToByteArray(bigEndian: true);
}
