using System.Net;
using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Shell;

/// <summary>
/// Section <c>Proxy</c>: the TLS-terminating reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> the
/// portal believes. Behind one, the portal then sees https — so HSTS is sent and cookies are marked Secure — and the
/// client's own address (for the per-address limits). Loopback is always trusted; headers from anyone else are ignored.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>172.18.0.0/16</c> (a Docker network).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        List<string> failures = [];
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"Proxy:KnownProxies:{i} must be an IP address such as 10.0.0.5 (was '{options.KnownProxies[i]}').");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"Proxy:KnownNetworks:{i} must be a network in CIDR notation such as 172.18.0.0/16 (was '{options.KnownNetworks[i]}').");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
