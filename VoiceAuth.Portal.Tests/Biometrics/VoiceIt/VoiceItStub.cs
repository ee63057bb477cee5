using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

/// <summary>
/// A loopback VoiceIt API 2 (Kestrel on 127.0.0.1, a free port) that answers like the real one: Basic auth (UNAC),
/// multipart fields (MISP), users <c>usr_</c>+32, enrollment counts (PNTE before three), JSON with responseCode,
/// message, status, timeTaken and apiCallId. Tests script outcomes per route or per recording, inject faults
/// (5xx, delays, dropped connections) and read back every request received.
/// </summary>
public sealed partial class VoiceItStub : IAsyncDisposable
{
    public const string ApiKey = "key_0123456789abcdef0123456789abcdef";
    public const string ApiToken = "tok_fedcba9876543210fedcba9876543210";

    private readonly Lock gate = new();
    private readonly Dictionary<string, StubUser> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<StubAnswer>> scriptedByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StubAnswer> scriptedByRecording = new(StringComparer.Ordinal);
    private readonly Queue<StubFault> faults = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private WebApplication? app;

    private VoiceItStub()
    {
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Confidence of a verification nobody scripted.</summary>
    public double DefaultConfidence { get; set; } = 88.5;

    /// <summary>Phrases approved for the stub's account (anything else is INPP).</summary>
    public HashSet<string> ApprovedPhrases { get; } = new(StringComparer.OrdinalIgnoreCase) { "Never forget tomorrow is a new day" };

    public HashSet<string> ContentLanguages { get; } = new(StringComparer.Ordinal) { "en-US", "en-GB", "fr-FR", "de-DE", "es-ES", "pt-BR", "no-STT" };

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<VoiceItStub> StartAsync()
    {
        var stub = new VoiceItStub();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        stub.app = builder.Build();
        stub.app.Run(stub.HandleAsync);
        await stub.app.StartAsync();

        var address = stub.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub.BaseUrl = new Uri(address);
        return stub;
    }

    /// <summary>The next answer(s) for a route such as <c>/verification/voice</c>, in order, before any other rule.</summary>
    public void Enqueue(string path, params StubAnswer[] answers)
    {
        lock (gate)
        {
            if (!scriptedByPath.TryGetValue(path, out var queue))
            {
                scriptedByPath[path] = queue = new Queue<StubAnswer>();
            }

            foreach (var answer in answers)
            {
                queue.Enqueue(answer);
            }
        }
    }

    /// <summary>How every enrollment or verification uploading exactly these bytes is answered (e.g. an impostor's FAIL).</summary>
    public void ScriptRecording(ReadOnlySpan<byte> recording, StubAnswer answer)
    {
        lock (gate)
        {
            scriptedByRecording[Hash(recording)] = answer;
        }
    }

    /// <summary>Causes <paramref name="fault"/> on each of the next <paramref name="times"/> requests, whatever the route.</summary>
    public void Fault(StubFault fault, int times = 1)
    {
        lock (gate)
        {
            for (var i = 0; i < times; i++)
            {
                faults.Enqueue(fault);
            }
        }
    }

    /// <summary>Adds a user directly (as if created earlier), optionally already enrolled.</summary>
    public string AddUser(int enrollments = 0)
    {
        var userId = NewId("usr_");
        lock (gate)
        {
            users[userId] = new StubUser { Enrollments = enrollments };
        }

        return userId;
    }

    public bool UserExists(string userId)
    {
        lock (gate)
        {
            return users.ContainsKey(userId);
        }
    }

    public int EnrollmentCount(string userId)
    {
        lock (gate)
        {
            return users.TryGetValue(userId, out var user) ? user.Enrollments : -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var started = DateTime.UtcNow;
        var request = context.Request;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        RecordedFile? file = null;
        // The raw body too (Latin-1 keeps bytes as characters), for assertions about multipart framing.
        request.EnableBuffering();
        using var raw = new MemoryStream();
        await request.Body.CopyToAsync(raw, context.RequestAborted);
        request.Body.Position = 0;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }

            if (form.Files.Count > 0)
            {
                var part = form.Files[0];
                using var content = new MemoryStream();
                await part.CopyToAsync(content, context.RequestAborted);
                file = new RecordedFile(part.Name, part.FileName, part.ContentType, part.ContentDisposition, content.ToArray());
            }
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.Headers.Authorization.FirstOrDefault(),
            request.ContentType, headers, fields, file, Encoding.Latin1.GetString(raw.ToArray())));

        StubFault? fault;
        lock (gate)
        {
            faults.TryDequeue(out fault);
        }

        switch (fault)
        {
            case StubFault.Drop:
                context.Abort();
                return;
            case StubFault.AnswerLost:
                if (IsAuthorized(request.Headers.Authorization.FirstOrDefault()))
                {
                    context.Response.Body = Stream.Null; // processed, but nothing reaches the client
                    await RouteAsync(context, started, fields, file);
                }

                context.Abort();
                return;
            case StubFault.ServerError error:
                await WriteFaultAsync(context, error, started);
                return;
            case StubFault.Delay delay:
                try
                {
                    await Task.Delay(delay.Duration, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the client gave up first, as intended
                }

                break;
        }

        if (!IsAuthorized(request.Headers.Authorization.FirstOrDefault()))
        {
            await WriteAsync(context, started, "UNAC", 401, StubStatuses.Message("UNAC", null));
            return;
        }

        await RouteAsync(context, started, fields, file);
    }

    private static bool IsAuthorized(string? authorization)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiKey}:{ApiToken}"));
        return string.Equals(authorization, expected, StringComparison.Ordinal);
    }

    private static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content));

    /// <summary>VoiceIt-style ids: a prefix and 32 lowercase letters or digits.</summary>
    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");

    private sealed class StubUser
    {
        public int Enrollments { get; set; }

        public int NextEnrollmentId { get; set; } = 1;
    }
}
