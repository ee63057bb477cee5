namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// How many recordings one instance scores at once: all cores but one, so that webhooks and pages keep a core under
/// load. Only the engine's CPU work holds a slot; downloads, database writes and carrier calls around it do not.
/// </summary>
public static class ScoringSlots
{
    public static int Count { get; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>
    /// Recordings in the scoring pipeline at once (claimed, downloading, waiting for or using a slot, committing):
    /// eight per slot. A recording spends several times longer outside the engine than in it — three database write
    /// turns (in one queue with every webhook's), a download and a carrier delete, 50–150 ms under load, against
    /// 12–30 ms in the engine — and with three per slot the slot sat idle (a fifth of the engine's rate delivered).
    /// Not unbounded: a database so congested that eight per slot cannot keep the engine busy then shows up as a
    /// lower delivered rate (<c>CallAdmission.Throughput</c>, Little's law), and admission control admits fewer calls
    /// instead of queueing more work on the database.
    /// </summary>
    public static int PipelineDepth { get; } = 8 * Count;
}
