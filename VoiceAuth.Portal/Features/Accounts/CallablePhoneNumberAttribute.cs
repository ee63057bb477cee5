using System.ComponentModel.DataAnnotations;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// Data-annotations face of <see cref="PhoneNumberValidator"/>, so forms show its plain-words message next to
/// the field. Empty values pass: combine with <see cref="RequiredAttribute"/> when a number is mandatory.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CallablePhoneNumberAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text || string.IsNullOrWhiteSpace(text))
        {
            return ValidationResult.Success;
        }

        var validator = validationContext.GetService(typeof(PhoneNumberValidator)) as PhoneNumberValidator
            ?? throw new InvalidOperationException("PhoneNumberValidator is not registered (AddAccounts).");
        var check = validator.Check(text);
        return check.IsValid ? ValidationResult.Success : new ValidationResult(check.Error, [validationContext.MemberName!]);
    }
}
