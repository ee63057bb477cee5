using Microsoft.AspNetCore.Http;

namespace VoiceAuth.Portal.Tests.Biometrics.VoiceIt;

/// <summary>Route keys for <see cref="VoiceItStub.Enqueue"/>.</summary>
public static class StubRoutes
{
    public const string CreateUser = "POST /users";
    public const string GetUser = "GET /users/{userId}";
    public const string DeleteUser = "DELETE /users/{userId}";
    public const string Enroll = "POST /enrollments/voice";
    public const string ListEnrollments = "GET /enrollments/voice/{userId}";
    public const string DeleteEnrollments = "DELETE /enrollments/{userId}/all";
    public const string Verify = "POST /verification/voice";
    public const string Phrases = "GET /phrases/{contentLanguage}";
}

public sealed partial class VoiceItStub
{
    private async Task RouteAsync(HttpContext context, DateTime started, Dictionary<string, string> fields, RecordedFile? file)
    {
        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        var (route, id) = (context.Request.Method, segments) switch
        {
            ("POST", ["users"]) => (StubRoutes.CreateUser, null),
            ("GET", ["users", var user]) => (StubRoutes.GetUser, user),
            ("DELETE", ["users", var user]) => (StubRoutes.DeleteUser, user),
            ("POST", ["enrollments", "voice"]) => (StubRoutes.Enroll, fields.GetValueOrDefault("userId")),
            ("GET", ["enrollments", "voice", var user]) => (StubRoutes.ListEnrollments, user),
            ("DELETE", ["enrollments", var user, "all"]) => (StubRoutes.DeleteEnrollments, user),
            ("POST", ["verification", "voice"]) => (StubRoutes.Verify, fields.GetValueOrDefault("userId")),
            ("GET", ["phrases", var language]) => (StubRoutes.Phrases, language),
            _ => ((string?)null, (string?)null),
        };

        if (route is null)
        {
            await WriteAnswerAsync(context, started, StubAnswer.Raw(404, "Not Found"), false, null);
            return;
        }

        var isUpload = route is StubRoutes.Enroll or StubRoutes.Verify;
        if (isUpload && (file is not { Name: "recording" } || !fields.ContainsKey("userId")
            || !fields.ContainsKey("contentLanguage") || !fields.ContainsKey("phrase")))
        {
            await WriteAsync(context, started, "MISP", 400, StubStatuses.Message("MISP", null));
            return;
        }

        var scripted = Next(route);
        if (scripted is not null && scripted.ResponseCode != "SUCC")
        {
            await WriteAnswerAsync(context, started, scripted, route is StubRoutes.CreateUser or StubRoutes.Enroll, id);
            return;
        }

        switch (route)
        {
            case StubRoutes.CreateUser:
                var userId = AddUser();
                await WriteAsync(context, started, "SUCC", 201, $"Created user with userId : {userId}", new() { ["userId"] = userId });
                return;
            case StubRoutes.GetUser:
                var exists = UserExists(id!);
                await WriteAsync(context, started, "SUCC", 200, $"User with userId : {id} {(exists ? "exists" : "does not exist")}", new() { ["exists"] = exists });
                return;
            case StubRoutes.DeleteUser:
                await (Remove(id!)
                    ? WriteAsync(context, started, "SUCC", 200, $"Deleted user with userId : {id}")
                    : WriteAsync(context, started, "UNFD", 404, StubStatuses.Message("UNFD", id)));
                return;
            case StubRoutes.DeleteEnrollments:
                await (ResetEnrollments(id!)
                    ? WriteAsync(context, started, "SUCC", 200, $"All enrollments for user with userId : {id} were deleted")
                    : WriteAsync(context, started, "UNFD", 404, StubStatuses.Message("UNFD", id)));
                return;
            case StubRoutes.ListEnrollments:
                var count = EnrollmentCount(id!);
                var list = Enumerable.Range(1, Math.Max(count, 0)).Select(n => new Dictionary<string, object?>
                {
                    ["voiceEnrollmentId"] = n, ["text"] = "never forget tomorrow is a new day", ["contentLanguage"] = "en-US", ["createdAt"] = Now(),
                });
                await (count < 0
                    ? WriteAsync(context, started, "UNFD", 404, StubStatuses.Message("UNFD", id))
                    : WriteAsync(context, started, "SUCC", 200, $"Successfully got all voice enrollments for user with userId : {id}",
                        new() { ["count"] = count, ["voiceEnrollments"] = list.ToArray() }));
                return;
            case StubRoutes.Phrases:
                await (ContentLanguages.Contains(id!)
                    ? WriteAsync(context, started, "SUCC", 200, "Successfully got all phrases", new()
                    {
                        ["count"] = ApprovedPhrases.Count,
                        ["phrases"] = ApprovedPhrases.Select(p => new Dictionary<string, object?> { ["text"] = p, ["contentLanguage"] = id }).ToArray(),
                    })
                    : WriteAsync(context, started, "INCP", 400, StubStatuses.Message("INCP", null)));
                return;
            default:
                await UploadAsync(context, started, route == StubRoutes.Enroll, fields, file!, scripted?.Confidence);
                return;
        }
    }

    private async Task UploadAsync(HttpContext context, DateTime started, bool enroll, Dictionary<string, string> fields, RecordedFile file, double? confidence)
    {
        var userId = fields["userId"];
        var language = fields["contentLanguage"];
        var phrase = fields["phrase"];
        if (!UserExists(userId))
        {
            await WriteAsync(context, started, "UNFD", 404, StubStatuses.Message("UNFD", userId));
            return;
        }

        StubAnswer? byRecording;
        lock (gate)
        {
            byRecording = scriptedByRecording.GetValueOrDefault(Hash(file.Content));
        }

        var refusal = byRecording is { ResponseCode: not "SUCC" } ? byRecording.ResponseCode
            : file.Content.Length == 0 ? "EMPF"
            : Seconds(file.Content) is not { } seconds ? "IFAD"
            : seconds > 5.0 ? "SRNR"
            : !ContentLanguages.Contains(language) ? "INCP"
            : language != "no-STT" && !ApprovedPhrases.Contains(phrase) ? "INPP"
            : !enroll && EnrollmentCount(userId) < 3 ? "PNTE"
            : null;
        if (refusal is not null)
        {
            await WriteAnswerAsync(context, started, byRecording is { ResponseCode: not "SUCC" } ? byRecording : StubAnswer.Code(refusal), enroll, userId);
            return;
        }

        if (enroll)
        {
            int enrollmentId;
            lock (gate)
            {
                var user = users[userId];
                user.Enrollments++;
                enrollmentId = user.NextEnrollmentId++;
            }

            await WriteAsync(context, started, "SUCC", 201, $"Successfully enrolled voice for user with userId : {userId}", new()
            {
                ["id"] = enrollmentId, ["text"] = phrase.ToLowerInvariant(), ["textConfidence"] = 100.0, ["contentLanguage"] = language, ["createdAt"] = Now(),
            });
            return;
        }

        await WriteAsync(context, started, "SUCC", 200, $"Successfully verified voice for user with userId : {userId}", new()
        {
            ["confidence"] = confidence ?? byRecording?.Confidence ?? DefaultConfidence, ["text"] = phrase.ToLowerInvariant(), ["textConfidence"] = 100.0,
        });
    }

    private StubAnswer? Next(string route)
    {
        lock (gate)
        {
            return scriptedByPath.TryGetValue(route, out var queue) && queue.TryDequeue(out var answer) ? answer : null;
        }
    }

    private bool Remove(string userId)
    {
        lock (gate)
        {
            return users.Remove(userId);
        }
    }

    private bool ResetEnrollments(string userId)
    {
        lock (gate)
        {
            if (!users.TryGetValue(userId, out var user))
            {
                return false;
            }

            user.Enrollments = 0;
            return true;
        }
    }
}
