using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Features.Audit;

internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options) =>
        options.RetentionDays is < AuditOptions.MinimumRetentionDays or > 36500
            ? ValidateOptionsResult.Fail($"Audit:RetentionDays must be between {AuditOptions.MinimumRetentionDays} and 36500 (the database keeps entries at least {AuditOptions.MinimumRetentionDays} days).")
            : ValidateOptionsResult.Success;
}
