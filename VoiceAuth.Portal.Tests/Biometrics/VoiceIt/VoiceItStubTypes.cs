namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

/// <summary>A scripted answer: a VoiceIt response code (with the status the stub believes VoiceIt uses), or raw bytes.</summary>
public sealed record StubAnswer(string? ResponseCode, int? Status = null, double? Confidence = null, string? RawBody = null, string? RawContentType = null)
{
    public static StubAnswer Success(double confidence = 90) => new("SUCC", Confidence: confidence);

    /// <summary>A biometric mismatch: FAIL with HTTP 200, exactly as VoiceIt sends it.</summary>
    public static StubAnswer Fail(double confidence) => new("FAIL", 200, confidence);

    public static StubAnswer Code(string responseCode, int? status = null) => new(responseCode, status);

    /// <summary>Not VoiceIt's JSON at all (a proxy page, a truncated body).</summary>
    public static StubAnswer Raw(int status, string body, string contentType = "text/plain") => new(null, status, RawBody: body, RawContentType: contentType);
}

/// <summary>Trouble the stub causes before answering, for the next request(s).</summary>
public abstract record StubFault
{
    /// <summary>Answer with a server error instead (VoiceIt-style GERR JSON, or a gateway's HTML page).</summary>
    public sealed record ServerError(int Status = 500, bool Html = false) : StubFault;

    /// <summary>Wait before answering normally (longer than the client's timeout, the client gives up first).</summary>
    public sealed record Delay(TimeSpan Duration) : StubFault;

    /// <summary>Read the request, then abort the connection without an answer.</summary>
    public sealed record Drop : StubFault;

    /// <summary>Act on the request (an enrollment is stored), then abort the connection: the answer is lost on the way.</summary>
    public sealed record AnswerLost : StubFault;
}

/// <summary>The file part of a multipart request as the stub received it.</summary>
public sealed record RecordedFile(string Name, string FileName, string? ContentType, string ContentDisposition, byte[] Content);

/// <summary>A request as the stub received it, for assertions about what the provider sends.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string? Authorization,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Fields,
    RecordedFile? File,
    string Body = "");

/// <summary>
/// The HTTP status the stub uses for each response code. VoiceIt's SDKs and docs pin down only some of them
/// (SUCC 200/201, FAIL 200, the audio codes 400, UNFD 404); the rest are our best reading (docs/voiceit.md).
/// </summary>
public static class StubStatuses
{
    public static int For(string code, bool creates) => code switch
    {
        "SUCC" => creates ? 201 : 200,
        "FAIL" => 200,
        "UNFD" or "ENFD" or "GNFD" or "DDNE" => 404,
        "UNAC" => 401,
        "DAID" => 403,
        "ACLR" => 429,
        "ACTO" => 408,
        "GERR" => 500,
        _ => 400,
    };

    /// <summary>Messages in VoiceIt's style; exact wording is only known for the success and not-found cases.</summary>
    public static string Message(string code, string? userId) => code switch
    {
        "UNFD" => $"User with userId : {userId} not found",
        "UNAC" => "Unauthorized access. Please check your API key and API token",
        "MISP" => "Missing parameters",
        "PNTE" => $"User with userId : {userId} needs at least 3 voice enrollments with this phrase before verification",
        "FAIL" => $"Failed to verify voice for user with userId : {userId}",
        "EMPF" => "Empty recording file",
        "IFAD" => "Incorrectly formatted audio data",
        "SRNR" => "Sound recording does not meet requirements (longer than 5.0 seconds)",
        "INCP" => "Invalid contentLanguage parameter",
        "INPP" => "Phrase is not approved for this developer account",
        "GERR" => "A general error occurred",
        _ => $"Response code {code}",
    };
}
