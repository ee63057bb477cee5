using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.TestHost;

namespace VoiceAuth.Portal.Tests.Telephony.Emulator;

/// <summary>One request the emulator made to the "portal".</summary>
public sealed record ReceivedRequest(string Method, string Path, string Url, IReadOnlyDictionary<string, string> Fields, string? Signature)
{
    public string this[string field] => Fields.TryGetValue(field, out var value) ? value : throw new KeyNotFoundException($"{Path} had no field {field}.");
}

/// <summary>
/// A stand-in for the portal's webhooks on a TestServer: each path answers with TwiML the test chooses (or a status
/// code), and every request is kept for assertions. Unknown paths answer 204 (status callbacks).
/// </summary>
public sealed class FakePortal : IAsyncDisposable
{
    public const string BaseUrl = "http://portal.test";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<ReceivedRequest, IResult>> routes = new();

    public FakePortal()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        app = builder.Build();
        app.Map("{**path}", async (HttpContext context) =>
        {
            var fields = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : context.Request.Query.ToDictionary(f => f.Key, f => f.Value.ToString());
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path, context.Request.GetDisplayUrl(), fields,
                context.Request.Headers["X-Twilio-Signature"].FirstOrDefault());
            Requests.Enqueue(request);
            return routes.TryGetValue(context.Request.Path, out var route) ? route(request) : Results.NoContent();
        });
        app.StartAsync().GetAwaiter().GetResult();
    }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public HttpMessageHandler Handler => app.GetTestServer().CreateHandler();

    /// <summary>Answers <paramref name="path"/> with TwiML (a string of verbs; wrapped in &lt;Response&gt;).</summary>
    public FakePortal Twiml(string path, string verbs) => Twiml(path, _ => verbs);

    public FakePortal Twiml(string path, Func<ReceivedRequest, string> verbs)
    {
        routes[path] = r => Results.Content($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>{verbs(r)}</Response>", "application/xml");
        return this;
    }

    public FakePortal Respond(string path, Func<ReceivedRequest, IResult> result)
    {
        routes[path] = result;
        return this;
    }

    public IReadOnlyList<ReceivedRequest> To(string path) => [.. Requests.Where(r => r.Path == path)];

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
