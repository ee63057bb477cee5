using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using VoiceAuth.Portal.Features.Verification;

namespace VoiceAuth.Portal.Features.Voiceprints;

public sealed partial class VoiceprintPage
{
    // Steps of the followed session by sequence: duplicates collapse, late arrivals sort into place.
    private readonly SortedDictionary<int, SessionUpdate> steps = [];
    private readonly CancellationTokenSource disposed = new();
    private VoiceprintOverview? overview;
    private string? userId;
    private Guid? sessionId;
    private IDisposable? subscription;
    private string? message;
    private bool busy;
    private MudMessageBox? confirmBox;
    private string confirmTitle = "";
    private string confirmText = "";
    private string confirmYes = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        userId = (await AuthenticationState).User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        await RefreshAsync();
        if (overview?.LiveSessionId is { } live)
        {
            await FollowAsync(live);
        }
    }

    private async Task RefreshAsync()
    {
        if (userId is not null)
        {
            overview = await Actions.GetOverviewAsync(userId, disposed.Token);
        }
    }

    /// <summary>Shows a session: its stored steps first (catch-up), then live ones as they are committed.</summary>
    private async Task FollowAsync(Guid id)
    {
        subscription?.Dispose();
        steps.Clear();
        sessionId = id;
        subscription = Actions.Subscribe(id, update => InvokeAsync(() => ApplyAsync(update)));
        foreach (var update in await Actions.GetUpdatesAsync(userId!, id, 0, disposed.Token))
        {
            steps[update.Sequence] = update;
        }
    }

    private async Task ApplyAsync(SessionUpdate update)
    {
        if (update.SessionId != sessionId)
        {
            return;
        }

        var wasFinal = steps.Count > 0 && steps.Values.Last().IsFinal;
        steps[update.Sequence] = update;
        if (update.IsFinal && !wasFinal)
        {
            await RefreshAsync(); // status, history and lockout change with the outcome
        }

        StateHasChanged();
    }

    private async Task StartAsync(SessionPurpose purpose)
    {
        busy = true;
        message = null;
        steps.Clear(); // the last call's Passed/Failed must not stand while the new one is being placed
        try
        {
            var result = await Actions.StartAsync(userId!, purpose, disposed.Token);
            if (result.SessionId is { } id)
            {
                await FollowAsync(id);
            }
            else
            {
                message = result.Message;
            }
        }
        finally
        {
            busy = false;
        }
    }

    private Task EnrollAsync() => StartAsync(SessionPurpose.Enroll);

    private Task RetryAsync() =>
        StartAsync(steps.Values.Last().Purpose == SessionPurpose.Enroll && overview?.Status != EnrollmentStatus.Enrolled
            ? SessionPurpose.Enroll : SessionPurpose.Verify);

    private async Task CancelAsync()
    {
        if (sessionId is { } id)
        {
            await Actions.CancelAsync(userId!, id, disposed.Token);
        }
    }

    private async Task ConsentAsync()
    {
        await Actions.RecordConsentAsync(userId!, disposed.Token);
        await RefreshAsync();
    }

    private async Task ReEnrollAsync()
    {
        if (await ConfirmAsync("Re-enroll?", "Your current voiceprint is deleted first; then VoiceAuth calls you to record a new one.", "Delete and re-enroll")
            && await DeleteVoiceprintAsync())
        {
            await StartAsync(SessionPurpose.Enroll);
        }
    }

    private async Task DeleteAsync()
    {
        if (await ConfirmAsync("Delete your voiceprint?", "It is removed here and at the voice engine. You can enroll again later.", "Delete"))
        {
            await DeleteVoiceprintAsync();
        }
    }

    private async Task<bool> DeleteVoiceprintAsync()
    {
        busy = true;
        try
        {
            message = await Actions.DeleteAsync(userId!, disposed.Token);
            await RefreshAsync();
            return message is null;
        }
        finally
        {
            busy = false;
        }
    }

    // A message box of the page's own: its confirm button is red, since confirming deletes.
    private async Task<bool> ConfirmAsync(string title, string text, string yes)
    {
        (confirmTitle, confirmText, confirmYes) = (title, text, yes);
        StateHasChanged();
        return confirmBox is not null && await confirmBox.ShowAsync() == true;
    }

    public void Dispose()
    {
        subscription?.Dispose();
        disposed.Cancel();
        disposed.Dispose();
    }
}
