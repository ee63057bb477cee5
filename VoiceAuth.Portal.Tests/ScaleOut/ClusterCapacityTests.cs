using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceAuth.Portal.Capacity;
using VoiceAuth.Portal.Tests.Features.Verification;
using VoiceAuth.Portal.Tests.Infrastructure;

namespace VoiceAuth.Portal.Tests.ScaleOut;

/// <summary>Admission control across instances: their scoring capacity adds up through heartbeats in Redis.</summary>
public sealed class ClusterCapacityTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly string prefix = $"cap{Guid.NewGuid():N}";
    private readonly List<PhoneFlowHarness> instances = [];

    private PhoneFlowHarness Instance(string? directory = null, string? host = null)
    {
        var portal = new PhoneFlowHarness(directory);
        portal.Settings["Capacity:Enabled"] = "true";
        // Each instance plans on its own figure only: the portal's admission hears every scoring in this test process
        // (its meter is static), and another test's scoring moved A's own capacity between this class's steps (CI: after
        // B stopped, the live calls that filled A alone fitted again). Heartbeats, peers and the plan are what is tested.
        portal.TestServices.Add(services =>
        {
            services.RemoveAll<CallAdmission>();
            services.AddSingleton(sp => new CallAdmission(sp.GetRequiredService<IOptionsMonitor<CapacityOptions>>(), sp.GetRequiredService<CapacityPeers>(),
                sp.GetService<TimeProvider>(), listen: false));
        });
        portal.Settings["Capacity:HostId"] = host ?? $"host-{instances.Count}"; // one machine each, unless told
        portal.Settings["Redis:ConnectionString"] = redis.ConnectionString;
        portal.Settings["Redis:Prefix"] = prefix;
        portal.Settings["Capacity:HeartbeatSeconds"] = "0.2";
        portal.Settings["DataProtection:KeysPath"] = Path.Combine(directory ?? portal.Directory, $"keys-{instances.Count}");
        portal.KeepDirectory = true; // shared: the first instance deletes it, last
        instances.Add(portal);
        return portal;
    }

    [Fact]
    public async Task A_second_instance_adds_its_capacity_and_takes_it_away_when_it_stops()
    {
        var a = Instance();
        var admission = a.Services.GetRequiredService<CallAdmission>();
        var peers = a.Services.GetRequiredService<CapacityPeers>();
        await Task.Delay(TimeSpan.FromSeconds(0.6)); // a few heartbeats alone
        Assert.Equal(0, peers.Throughput);
        var alone = admission.MaxLiveCalls;
        Assert.NotNull(admission.Refuse(alone)); // full on its own

        var b = Instance(a.Directory);
        var bAdmission = b.Services.GetRequiredService<CallAdmission>();
        await WaitForAsync(() => peers.Throughput > 0, "instance B's heartbeat never reached instance A");

        // Compare a heartbeat with B's own figure of about the same moment, not of its start.
        await WaitForAsync(() => peers.Throughput >= 0.5 * bAdmission.Throughput && peers.Throughput <= 2 * bAdmission.Throughput,
            () => $"A counts B at {peers.Throughput}, B's own figure {bAdmission.Throughput}");
        Assert.True(admission.MaxLiveCalls > alone, $"with two instances A admits {admission.MaxLiveCalls} live calls, alone {alone}");
        Assert.Null(admission.Refuse(alone)); // the same live calls fit in the cluster

        b.Dispose();
        instances.Remove(b);
        await WaitForAsync(() => peers.Throughput == 0, "instance A still counts the stopped instance B");
        Assert.NotNull(admission.Refuse(alone));
    }

    [Fact]
    public async Task A_second_instance_on_the_same_host_shares_its_cores_and_adds_no_capacity()
    {
        var a = Instance(host: "node-1");
        var admission = a.Services.GetRequiredService<CallAdmission>();
        var peers = a.Services.GetRequiredService<CapacityPeers>();
        var bAdmission = Instance(a.Directory, host: "node-1").Services.GetRequiredService<CallAdmission>(); // starts it
        await WaitForAsync(() => peers.Count == 1, "instance B's heartbeat never reached instance A");

        // Both plan on what node-1's cores score (here the same initial figure): node-1 counts once, at the mean.
        await WaitForAsync(() => admission.ClusterThroughput >= Math.Min(admission.Throughput, bAdmission.Throughput) * 0.99
                                 && admission.ClusterThroughput <= Math.Max(admission.Throughput, bAdmission.Throughput) * 1.01,
            () => $"node-1 should count once: cluster {admission.ClusterThroughput}, A {admission.Throughput}, B {bAdmission.Throughput}");

        var cAdmission = Instance(a.Directory, host: "node-2").Services.GetRequiredService<CallAdmission>();
        await WaitForAsync(() => peers.Count == 2, "instance C's heartbeat never reached instance A");
        await WaitForAsync(() => admission.ClusterThroughput > 1.5 * Math.Min(admission.Throughput, cAdmission.Throughput),
            () => $"node-2 adds its own cores: cluster {admission.ClusterThroughput}, A {admission.Throughput}, C {cAdmission.Throughput}");
    }

    [Fact]
    public async Task An_instance_that_dies_without_a_word_drops_out_after_its_heartbeat_expires()
    {
        var a = Instance();
        var peers = a.Services.GetRequiredService<CapacityPeers>();
        var key = new RedisKey($"{prefix}:capacity");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = connection.GetDatabase();

        // A crashed instance: one heartbeat, then silence (it cannot remove its entry).
        await db.HashSetAsync(key, "crashed", $"50|{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        await WaitForAsync(() => peers.Throughput >= 50, "the crashed instance's last heartbeat was never counted");

        await WaitForAsync(() => peers.Throughput < 50, "the crashed instance was still counted after its heartbeat expired");
        Assert.False(await db.HashExistsAsync(key, "crashed"));
    }

    private static Task WaitForAsync(Func<bool> condition, string failure) => WaitForAsync(condition, () => failure);

    /// <summary>Waits up to 5 s for <paramref name="condition"/>; the failure message is made from the values at the end.</summary>
    private static async Task WaitForAsync(Func<bool> condition, Func<string> failure)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), failure());
    }

    public void Dispose()
    {
        foreach (var portal in Enumerable.Reverse(instances))
        {
            portal.KeepDirectory = portal != instances[0];
            portal.Dispose();
        }
    }
}
