using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Capacity;

/// <summary>
/// Section <c>Capacity</c>: how many live calls one portal admits, from its measured scoring throughput. A call
/// produces about one recording every <see cref="SecondsPerRecording"/> while it lasts, and each recording must be
/// scored within the phone flow's wait (20 s) or the caller hears "unavailable"; so the portal admits at most
/// throughput × <see cref="SecondsPerRecording"/> × <see cref="Headroom"/> live calls and refuses the rest before
/// the phone rings.
/// </summary>
public sealed class CapacityOptions
{
    public const string Section = "Capacity";

    /// <summary>Off: only <c>Verification:MaxActiveCalls</c> limits live calls.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds of a call per recording it makes (verify: ~14 s for one; enroll: ~40 s for three).</summary>
    public double SecondsPerRecording { get; set; } = 13;

    /// <summary>The share of the measured throughput to plan on, leaving room for webhooks, pages and bursts.</summary>
    public double Headroom { get; set; } = 0.8;

    /// <summary>
    /// Refuse new calls while the oldest recording due for scoring has waited longer than this (seconds): the queue
    /// is not keeping up, whatever the estimate says (a burst of calls admitted at once, a machine busy elsewhere).
    /// </summary>
    public double MaxQueueSeconds { get; set; } = 5;

    /// <summary>Seconds per scoring assumed until some have been measured.</summary>
    public double InitialScoringSeconds { get; set; } = 0.05;

    /// <summary>
    /// New calls admitted per second before any scoring has been measured (in bursts of at most
    /// <see cref="MaxQueueSeconds"/> × this), and the least the ramp on new admissions allows afterwards. An
    /// unmeasured machine may score ten times slower than <see cref="InitialScoringSeconds"/> assumes (a busy host):
    /// a hundred calls admitted in its first second then all failed "scoring took too long".
    /// </summary>
    public double InitialAdmissionsPerSecond { get; set; } = 2;

    /// <summary>
    /// With Redis: which host this instance runs on (default: the machine's name). Instances on one host share its
    /// cores, so the cluster counts each host's scoring capacity once. Containers have their own names; set this to
    /// the node's (e.g. Kubernetes' <c>spec.nodeName</c> through the downward API) when containers on one node share
    /// its cores without CPU limits.
    /// </summary>
    public string? HostId { get; set; }

    /// <summary>
    /// With Redis (several instances): how often each instance publishes its scoring throughput (seconds). An instance
    /// whose heartbeat is three periods old counts no more: a dead instance's capacity is not planned on for longer.
    /// </summary>
    public double HeartbeatSeconds { get; set; } = 2;
}

internal sealed class CapacityOptionsValidator : IValidateOptions<CapacityOptions>
{
    public ValidateOptionsResult Validate(string? name, CapacityOptions o)
    {
        List<string> failures = [];
        if (o.SecondsPerRecording is < 1 or > 600)
        {
            failures.Add("Capacity:SecondsPerRecording must be between 1 and 600.");
        }

        if (o.Headroom is <= 0 or > 1)
        {
            failures.Add("Capacity:Headroom must be above 0 and at most 1.");
        }

        if (o.MaxQueueSeconds is <= 0 or > 60)
        {
            failures.Add("Capacity:MaxQueueSeconds must be above 0 and at most 60.");
        }

        if (o.InitialScoringSeconds is <= 0 or > 60)
        {
            failures.Add("Capacity:InitialScoringSeconds must be above 0 and at most 60.");
        }

        if (o.InitialAdmissionsPerSecond is < 0.1 or > 10_000)
        {
            failures.Add("Capacity:InitialAdmissionsPerSecond must be between 0.1 and 10000.");
        }

        if (o.HeartbeatSeconds is < 0.1 or > 60)
        {
            failures.Add("Capacity:HeartbeatSeconds must be between 0.1 and 60.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
