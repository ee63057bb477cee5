using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VoiceAuth.Portal.Data;
using VoiceAuth.Portal.Features.Audit;

namespace VoiceAuth.Portal.Features.Accounts;

/// <summary>
/// The result of registering: the new user, or the existing account with that address (the page must not say so),
/// or the reasons in plain words.
/// </summary>
public sealed record RegistrationResult(ApplicationUser? User, IReadOnlyList<string> Errors, ApplicationUser? Existing = null);

/// <summary>
/// Account changes that touch more than one table, each done all-or-nothing so a failure never leaves a
/// half-created or half-deleted account behind.
/// </summary>
public sealed class AccountService(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    PhoneNumberValidator phoneNumbers,
    IEnumerable<IPersonalDataEraser> erasers,
    IAuditLog audit,
    ILogger<AccountService> logger)
{
    /// <summary>
    /// Creates an unconfirmed account. The password and number are checked first, so their errors say nothing about
    /// whether the address has an account; an address that has one comes back as <see cref="RegistrationResult.Existing"/>.
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(string email, string password, string? phoneNumber = null)
    {
        string? e164 = null;
        if (!string.IsNullOrWhiteSpace(phoneNumber))
        {
            var check = phoneNumbers.Check(phoneNumber);
            if (!check.IsValid)
            {
                return new(null, [check.Error!]);
            }

            e164 = check.E164;
        }

        var candidate = new ApplicationUser { UserName = email, Email = email, PhoneNumber = e164 };
        List<string> weak = [];
        foreach (var validator in users.PasswordValidators)
        {
            weak.AddRange(Describe(await validator.ValidateAsync(users, candidate, password)));
        }

        if (weak.Count > 0)
        {
            return new(null, weak);
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Hash like a new account would, so the answer takes as long either way.
            users.PasswordHasher.HashPassword(existing, password);
            return new(null, [], existing);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var user = candidate;
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                // Registered a moment ago by a simultaneous request: the same answer as an existing account.
                return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                    ? new RegistrationResult(null, [], await users.FindByEmailAsync(email))
                    : new RegistrationResult(null, Describe(created));
            }

            var role = await users.AddToRoleAsync(user, Roles.User);
            if (!role.Succeeded)
            {
                return new RegistrationResult(null, Describe(role)); // disposing the transaction rolls the user back
            }

            await transaction.CommitAsync();
            return new RegistrationResult(user, []);
        });
    }

    /// <summary>
    /// Sets a new password with an e-mailed reset code. The code reached the mailbox, so the address is proven too:
    /// this is how the owner of an address takes back an account someone else registered with it.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResetPasswordAsync(ApplicationUser user, string code, string password)
    {
        var reset = await users.ResetPasswordAsync(user, code, password);
        if (!reset.Succeeded)
        {
            return Describe(reset);
        }

        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        // Whoever locked the account by guessing no longer stands between its owner and the new password.
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        return [];
    }

    /// <summary>
    /// Saves the number VoiceAuth calls (normalised to E.164) and the optional name, both or neither.
    /// Returns a plain-words error, or null when saved.
    /// </summary>
    public async Task<string?> UpdateProfileAsync(string userId, string? phoneNumber, string? displayName)
    {
        var check = phoneNumbers.Check(phoneNumber);
        if (!check.IsValid)
        {
            return check.Error;
        }

        displayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        if (displayName?.Length > ApplicationUser.DisplayNameMaxLength)
        {
            return $"A name has at most {ApplicationUser.DisplayNameMaxLength} characters.";
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "Your account could not be found. Sign in again.";
        }

        // Not UserManager.SetPhoneNumberAsync: that rotates the security stamp and would sign the person out of
        // every open page. The number is where we call, not a credential: knowing it proves nothing.
        if (user.PhoneNumber != check.E164)
        {
            // One account per number: a number another account has proven (by keying a call's code) is theirs.
            if (await db.Users.AnyAsync(u => u.Id != user.Id && u.PhoneNumber == check.E164 && u.PhoneNumberConfirmed))
            {
                return "That number is already confirmed for another VoiceAuth account. Enter your own mobile number.";
            }


            user.PhoneNumber = check.E164;
            user.PhoneNumberConfirmed = false;
        }

        user.DisplayName = displayName;
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? null : string.Join(" ", Describe(result));
    }

    /// <summary>
    /// Deletes the account and everything the features hold about the person. Data held elsewhere (a cloud
    /// voiceprint) is erased first: if that fails, the account stays so the person can try again.
    /// </summary>
    public async Task<string?> DeleteAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        foreach (var eraser in erasers)
        {
            var error = await eraser.EraseAsync(user.Id, cancellationToken);
            if (error is not null)
            {
                logger.LogWarning("Account deletion stopped: {Eraser} could not erase the user's data.", eraser.GetType().Name);
                return error;
            }
        }

        // Staged on the context Identity's store saves with, so the entry commits with the deletion itself.
        audit.Add(db, new AuditEvent(AuditKind.AccountDeleted, user.Id, "Succeeded") { SubjectEmail = user.Email, ActorUserId = user.Id, ActorEmail = user.Email });
        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            return string.Join(" ", Describe(result));
        }

        logger.LogInformation("An account was deleted by its owner.");
        return null;
    }

    private static List<string> Describe(IdentityResult result) => result.Errors.Select(e => e.Description).ToList();
}

/// <summary>
/// Implemented by every feature that stores personal data, so that deleting an account deletes all of it.
/// Return a plain-words error to stop the deletion (e.g. a remote engine unreachable), or null when done.
/// </summary>
public interface IPersonalDataEraser
{
    Task<string?> EraseAsync(string userId, CancellationToken cancellationToken);
}
