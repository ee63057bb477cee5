using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Api.Clients;

/// <summary>
/// Finds the client a request's bearer key belongs to: a configured one (<c>Api:Clients</c>), or one created in the
/// admin console. The latter are read from the database on every request, uncached: one indexed lookup by key id,
/// and a revocation or an expired grace period holds on the very next request, on every instance.
/// </summary>
public sealed class ApiClientAuthenticator(IDbContextFactory<AppDbContext> dbFactory, IOptionsMonitor<ApiOptions> options, TimeProvider clock)
{
    /// <summary>The client's name, or null. The scheme is matched in any case and the key trimmed: every spelling is one client.</summary>
    public async Task<string?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        if (key.Length == 0)
        {
            return null;
        }

        // Every configured key is compared (no early exit), so the time taken does not depend on which one matched.
        string? found = null;
        foreach (var client in options.CurrentValue.Clients)
        {
            if (client.Matches(key))
            {
                found = client.Name;
            }
        }

        if (found is not null || ApiKeys.KeyIdOf(key) is not { } keyId)
        {
            return found;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<StoredApiClient>().AsNoTracking()
            .Where(c => c.RevokedAt == null && (c.KeyId == keyId || c.PreviousKeyId == keyId))
            .Select(c => new { c.Name, c.KeyId, c.KeyHash, c.PreviousKeyId, c.PreviousKeyHash, c.PreviousKeyExpiresAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        if (stored.KeyId == keyId)
        {
            return ApiKeys.Matches(key, stored.KeyHash) ? stored.Name : null;
        }

        return stored.PreviousKeyExpiresAt > clock.GetUtcNow() && ApiKeys.Matches(key, stored.PreviousKeyHash) ? stored.Name : null;
    }
}
