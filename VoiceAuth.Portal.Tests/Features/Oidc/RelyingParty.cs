using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace VoiceAuth.Portal.Tests.Features.Oidc;

/// <summary>
/// A relying party's protocol steps written out by hand over HTTP (PAR, the browser's visit to the authorization
/// endpoint, the code exchange), so that tests can also send what a well-behaved client never would.
/// </summary>
public sealed class RelyingParty(HttpClient server, HttpClient browser, string clientId, string secret, string redirectUri)
{
    public string Verifier { get; } = Base64Url(RandomNumberGenerator.GetBytes(32));

    public string Challenge => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public string ClientId => clientId;

    /// <summary>The standard parameters of a code flow request with PKCE; tests add or remove some.</summary>
    public Dictionary<string, string> AuthorizationParameters(string? loginHint = null, bool voice = true)
    {
        var parameters = new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = "openid email profile",
            ["state"] = "state-" + Guid.NewGuid().ToString("N"),
            ["nonce"] = "nonce-" + Guid.NewGuid().ToString("N"),
            ["code_challenge"] = Challenge,
            ["code_challenge_method"] = "S256",
        };
        if (loginHint is not null)
        {
            parameters["login_hint"] = loginHint;
        }

        if (voice)
        {
            parameters["acr_values"] = "urn:voiceauth:voice";
        }

        return parameters;
    }

    /// <summary>POSTs a pushed authorization request (client authenticated with HTTP Basic) and returns the JSON answer.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PushAsync(Dictionary<string, string> parameters)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/par") { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Authorization = Basic(clientId, secret);
        var response = await server.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task<string> PushOkAsync(Dictionary<string, string> parameters)
    {
        var (status, body) = await PushAsync(parameters);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("request_uri").GetString()!;
    }

    /// <summary>The browser's visit to the authorization endpoint; redirects are returned, not followed.</summary>
    public Task<HttpResponseMessage> AuthorizeAsync(string requestUri, string? extraQuery = null) =>
        browser.GetAsync($"/connect/authorize?client_id={Uri.EscapeDataString(clientId)}&request_uri={Uri.EscapeDataString(requestUri)}{extraQuery}");

    /// <summary>The authorization endpoint's answer at the application's redirect_uri: its query parameters.</summary>
    public static Dictionary<string, string> AnswerAt(HttpResponseMessage response, string redirectUri)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(redirectUri + "?", location);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(string code, string? verifier = null, string? redirect = null,
        string? asClient = null, string? asSecret = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirect ?? redirectUri,
            ["code_verifier"] = verifier ?? Verifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = Basic(asClient ?? clientId, asSecret ?? secret);
        var response = await server.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>The ID token's payload, read without checking (tests that check the signature do so separately).</summary>
    public static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Base64UrlTextEncoder.Decode(jwt.Split('.')[1])).RootElement.Clone();

    private static AuthenticationHeaderValue Basic(string id, string secret) => new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    private static string Base64Url(byte[] bytes) => Base64UrlTextEncoder.Encode(bytes);
}
