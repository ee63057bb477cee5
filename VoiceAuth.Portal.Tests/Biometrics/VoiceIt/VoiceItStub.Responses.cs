using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

/// <summary>How the stub writes answers: VoiceIt's JSON envelope, raw bodies, gateway faults; and its own WAV length check.</summary>
public sealed partial class VoiceItStub
{
    private static Task WriteAnswerAsync(HttpContext context, DateTime started, StubAnswer answer, bool creates, string? userId)
    {
        if (answer.RawBody is not null)
        {
            context.Response.StatusCode = answer.Status ?? 200;
            context.Response.ContentType = answer.RawContentType;
            return context.Response.WriteAsync(answer.RawBody);
        }

        var code = answer.ResponseCode!;
        Dictionary<string, object?> extra = answer.Confidence is { } confidence
            ? new() { ["confidence"] = confidence, ["text"] = "never forget tomorrow is a new day", ["textConfidence"] = 100.0 }
            : [];
        return WriteAsync(context, started, code, answer.Status ?? StubStatuses.For(code, creates), StubStatuses.Message(code, userId), extra);
    }

    private static Task WriteFaultAsync(HttpContext context, StubFault.ServerError error, DateTime started)
    {
        if (!error.Html)
        {
            return WriteAsync(context, started, "GERR", error.Status, StubStatuses.Message("GERR", null));
        }

        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync($"<html><body><h1>{error.Status} Bad Gateway</h1></body></html>");
    }

    private static Task WriteAsync(HttpContext context, DateTime started, string code, int status, string message, Dictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["message"] = message,
            ["status"] = status,
            ["timeTaken"] = (DateTime.UtcNow - started).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s",
            ["responseCode"] = code,
            ["apiCallId"] = NewId("api_"),
        };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value;
        }

        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>The stub's own reading of a WAV's length (independent of the provider's pre-check).</summary>
    private static double? Seconds(byte[] wav)
    {
        if (wav.Length < 12 || Encoding.ASCII.GetString(wav, 0, 4) != "RIFF" || Encoding.ASCII.GetString(wav, 8, 4) != "WAVE")
        {
            return null;
        }

        var byteRate = 0;
        for (var at = 12; at + 8 <= wav.Length;)
        {
            var chunk = Encoding.ASCII.GetString(wav, at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(at + 4));
            if (chunk == "fmt " && at + 20 <= wav.Length)
            {
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(at + 16));
            }
            else if (chunk == "data")
            {
                return byteRate <= 0 ? null : (double)Math.Min((uint)size, (uint)(wav.Length - at - 8)) / byteRate;
            }

            at += 8 + Math.Max(size, 0) + (size & 1);
        }

        return null;
    }
}
