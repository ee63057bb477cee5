using System.Net;
using System.Net.Http.Headers;
using VoiceAuth.Emulator.Calls;

namespace VoiceAuth.Emulator.Rest;

/// <summary>
/// Serves the emulator's REST API to an HttpClient without a socket: the SDK's requests (any host, with or without
/// the mapping prefix) reach <see cref="EmulatorRestApi"/> exactly as they would over HTTP. For the embedded
/// emulator, where the portal would otherwise need to know its own listening address.
/// </summary>
internal sealed class InProcessApiHandler(TwilioEmulator emulator) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "/";
        var start = path.IndexOf("/2010-04-01/", StringComparison.Ordinal);
        if (start < 0)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var form = await FormFields.ReadAsync(request.Content, cancellationToken);
        var api = emulator.Api.Handle(new ApiRequest(request.Method.Method, path[start..], request.Headers.Authorization?.ToString(), form));
        var response = new HttpResponseMessage((HttpStatusCode)api.Status) { RequestMessage = request, Content = new ByteArrayContent(api.Body) };
        if (api.ContentType.Length > 0)
        {
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(api.ContentType);
        }

        return response;
    }
}
