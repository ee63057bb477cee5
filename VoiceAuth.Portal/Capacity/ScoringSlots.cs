namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// How many recordings one instance scores at once: all cores but one, so that webhooks and pages keep a core under
/// load. Only the engine's CPU work holds a slot; downloads, database writes and carrier calls around it do not.
/// </summary>
public static class ScoringSlots
{
    public static int Count { get; } = Math.Max(1, Environment.ProcessorCount - 1);
}
