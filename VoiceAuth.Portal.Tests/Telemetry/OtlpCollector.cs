using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace VoiceAuth.Portal.Tests.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP receiver: accepts protobuf posts to /v1/traces, /v1/metrics and /v1/logs, keeps the raw
/// bodies and answers 200 (an empty Export*ServiceResponse), as a collector would.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    private OtlpCollector(int port)
    {
        Endpoint = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Endpoint + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>Every body received, by path (e.g. "/v1/traces").</summary>
    public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();

    public IEnumerable<byte[]> Bodies(string path) => Received.Where(r => r.Path == path).Select(r => r.Body);

    public static OtlpCollector Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new OtlpCollector(port);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
