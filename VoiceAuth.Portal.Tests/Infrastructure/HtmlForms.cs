using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>Fills and posts the portal's server-rendered forms the way a browser would (antiforgery token included).</summary>
public static class HtmlForms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} gave {(int)response.StatusCode}: {html[..Math.Min(300, html.Length)]}");
        return Parser.ParseDocument(html);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// GETs <paramref name="url"/>, fills the form named by its <c>_handler</c> field, and posts it. Fields are
    /// given by element id, as a person finds them by label; they are posted under the names the page rendered.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, string formName, IDictionary<string, string> fields)
    {
        var document = await client.GetDocumentAsync(url);
        var form = document.Forms.FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"No form '{formName}' on {url}.");

        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (id, value) in fields)
        {
            var input = form.QuerySelectorAll("input, textarea, select").FirstOrDefault(e => e.Id == id)
                ?? throw new InvalidOperationException($"No field with id '{id}' in form '{formName}' on {url}.");
            values[input.GetAttribute("name") ?? throw new InvalidOperationException($"Field '{id}' has no name.")] = value;
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = TestPasswords.Good) =>
        client.SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
}
