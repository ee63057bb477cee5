using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Admin;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Api.Clients;

/// <summary>
/// Creates, rotates and revokes the API clients kept in the database. Each change and its one audit entry commit in
/// the same save. Keys leave this class once, in the result, and are stored only as their SHA-256 (see <see cref="ApiKeys"/>).
/// </summary>
public sealed class ApiClientAdmin(IDbContextFactory<AppDbContext> dbFactory, IOptionsMonitor<ApiOptions> options, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The longest an old key may keep working after a rotation.</summary>
    public static readonly TimeSpan MaxGrace = TimeSpan.FromDays(7);

    /// <summary>Configured clients first, then the console's, by name.</summary>
    public async Task<IReadOnlyList<ApiClientView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<StoredApiClient>().AsNoTracking().OrderBy(c => c.NormalizedName).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return
        [
            .. options.CurrentValue.Clients.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Select(c => new ApiClientView(c.Name, true, null, null, null, null, null, null, null, null)),
            .. stored.Select(c => new ApiClientView(c.Name, false, ApiKeys.Hint(c.KeyId), c.CreatedAt, c.CreatedBy, c.RotatedAt,
                c.PreviousKeyId is { } previous && c.PreviousKeyExpiresAt > now ? ApiKeys.Hint(previous) : null,
                c.PreviousKeyExpiresAt > now ? c.PreviousKeyExpiresAt : null, c.RevokedAt, c.RevokedBy)),
        ];
    }

    public async Task<IssuedKey> CreateAsync(AdminActor actor, string name, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 64 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
        {
            return IssuedKey.Refused("A name is 1–64 letters, digits, '-', '_' or '.'.");
        }

        var normalized = name.ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Names are never reused, not even a revoked client's: sessions carry the name, and a new client must not see old ones.
        if (options.CurrentValue.Clients.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            || await db.Set<StoredApiClient>().AnyAsync(c => c.NormalizedName == normalized, cancellationToken))
        {
            return IssuedKey.Refused($"There is already a client named '{name}' (names of revoked clients stay taken).");
        }

        var (keyId, key) = ApiKeys.Create();
        db.Add(new StoredApiClient
        {
            Name = name, NormalizedName = normalized, KeyId = keyId, KeyHash = ApiKeys.Hash(key),
            CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Email ?? actor.UserId,
        });
        audit.Add(db, Entry(actor, AuditKind.ApiClientCreated, name, $"key {ApiKeys.Hint(keyId)}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return IssuedKey.Refused($"There is already a client named '{name}'."); // created at the same moment elsewhere
        }

        return new(key, null);
    }

    /// <summary>A new key; the current one keeps working for <paramref name="grace"/> (zero: stops now). A key older than that stops now.</summary>
    public async Task<IssuedKey> RotateAsync(AdminActor actor, string name, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (grace < TimeSpan.Zero || grace > MaxGrace)
        {
            return IssuedKey.Refused($"The old key may keep working for at most {MaxGrace.TotalDays:0} days.");
        }

        var (keyId, key) = ApiKeys.Create();
        var refusal = await ChangeAsync(actor, name, AuditKind.ApiClientRotated, (client, now) =>
        {
            (client.PreviousKeyId, client.PreviousKeyHash) = grace > TimeSpan.Zero ? (client.KeyId, client.KeyHash) : (null, null);
            client.PreviousKeyExpiresAt = grace > TimeSpan.Zero ? now + grace : null;
            (client.KeyId, client.KeyHash, client.RotatedAt) = (keyId, ApiKeys.Hash(key), now);
            return grace > TimeSpan.Zero
                ? $"key {ApiKeys.Hint(keyId)}; old key {ApiKeys.Hint(client.PreviousKeyId!)} works until {client.PreviousKeyExpiresAt:yyyy-MM-dd HH:mm} UTC"
                : $"key {ApiKeys.Hint(keyId)}; old key stopped at once";
        }, cancellationToken);
        return refusal is null ? new(key, null) : IssuedKey.Refused(refusal);
    }

    /// <summary>Every key of the client stops at once (the next request, on every instance, gets 401). Not undone.</summary>
    public Task<string?> RevokeAsync(AdminActor actor, string name, CancellationToken cancellationToken) =>
        ChangeAsync(actor, name, AuditKind.ApiClientRevoked, (client, now) =>
        {
            (client.RevokedAt, client.RevokedBy) = (now, actor.Email ?? actor.UserId);
            (client.PreviousKeyId, client.PreviousKeyHash, client.PreviousKeyExpiresAt) = (null, null, null);
            return $"key {ApiKeys.Hint(client.KeyId)}";
        }, cancellationToken);

    private async Task<string?> ChangeAsync(AdminActor actor, string name, AuditKind kind, Func<StoredApiClient, DateTimeOffset, string> change,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = name.Trim().ToUpperInvariant();
        var client = await db.Set<StoredApiClient>().SingleOrDefaultAsync(c => c.NormalizedName == normalized, cancellationToken);
        if (client is null)
        {
            return options.CurrentValue.Clients.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                ? "This client comes from the configuration (Api:Clients); change it there."
                : "There is no such client.";
        }

        if (client.RevokedAt is not null)
        {
            return "This client has been revoked.";
        }

        var detail = change(client, clock.GetUtcNow());
        client.Version++;
        audit.Add(db, Entry(actor, kind, client.Name, detail));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return "Another administrator changed this client just now; nothing was done. Look again.";
        }

        return null;
    }

    private static AuditEvent Entry(AdminActor actor, AuditKind kind, string client, string detail) =>
        new(kind, null, "Succeeded") { ActorUserId = actor.UserId, ActorEmail = actor.Email, Application = client, Detail = detail };
}
