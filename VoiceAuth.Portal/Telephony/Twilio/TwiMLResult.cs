using System.Xml.Linq;
using Twilio.TwiML;

namespace VoiceAuth.Portal.Telephony.Twilio;

/// <summary>A TwiML document as an HTTP result (<c>application/xml</c>).</summary>
internal sealed class TwiMLResult(VoiceResponse response) : IResult
{
    public VoiceResponse Response { get; } = response;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/xml";
        return httpContext.Response.WriteAsync(Response.ToString(SaveOptions.DisableFormatting));
    }
}
