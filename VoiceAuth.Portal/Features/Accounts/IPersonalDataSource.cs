namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>A feature's contribution to the personal-data download (never raw audio or voiceprints).</summary>
public interface IPersonalDataSource
{
    string Name { get; }

    Task<object?> GetAsync(string userId, CancellationToken cancellationToken);
}
