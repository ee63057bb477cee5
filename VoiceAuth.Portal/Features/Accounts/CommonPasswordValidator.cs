using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Identity;
using VoiceAuth.Portal.Data;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// Refuses the passwords people pick most often (NIST SP 800-63B asks for such a check): <c>Password1</c>,
/// <c>Qwerty123!</c> and <c>P@ssw0rd</c> meet every composition rule and are the first ones guessed. Also refuses a
/// password built on the person's own e-mail name.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.ToLowerInvariant();
        var stem = Stem(lower);
        var mailName = user.Email?.Split('@')[0].ToLowerInvariant();
        var common = Common.Contains(lower) || Common.Contains(stem) || Common.Contains(Unleet(stem))
            || (mailName is { Length: >= 3 } && (stem == mailName || Unleet(stem) == mailName));
        return Task.FromResult(common
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "That password is one of the most common ones and is guessed first. Choose another: a few unrelated words work well.",
            })
            : IdentityResult.Success);
    }

    /// <summary>The password without the digits and symbols people add at the end to pass the rules.</summary>
    private static string Stem(string password)
    {
        var end = password.Length;
        while (end > 0 && !char.IsLetter(password[end - 1]))
        {
            end--;
        }

        return end == 0 ? password : password[..end];
    }

    private static string Unleet(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch { '@' or '4' => 'a', '0' => 'o', '1' or '!' => 'i', '3' => 'e', '$' or '5' => 's', '7' => 't', _ => c });
        }

        return builder.ToString();
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("VoiceAuth.Portal.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#')).ToFrozenSet(StringComparer.Ordinal);
    }
}
