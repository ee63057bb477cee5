using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Configuration;

internal static class ValidatedOptions
{
    /// <summary>
    /// Binds section <paramref name="section"/> to <typeparamref name="T"/>, validated when the host starts (messages
    /// name the configuration key), and returns the bound value for decisions that must be taken while services are
    /// registered. Nothing is thrown here: the host validates every section at start and reports all their failures
    /// together, so an operator missing two settings learns both in one run, not one per restart. Until then an
    /// invalid section's defaults stand in for it, so that registering the other slices does not trip over it.
    /// </summary>
    public static T AddValidatedOptions<T>(this IHostApplicationBuilder builder, string section, IValidateOptions<T> validator)
        where T : class, new()
    {
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
        builder.Services.AddSingleton(validator);

        var value = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        return validator.Validate(Options.DefaultName, value).Failed ? new T() : value;
    }

    /// <summary>
    /// A setting found wrong while services are registered (one that decides what is registered, such as a provider
    /// name): reported at start with every other section's failures, naming <paramref name="key"/>.
    /// </summary>
    public static void AddStartupFailure(this IHostApplicationBuilder builder, string key, string failure) =>
        builder.Services.AddOptions<SettingFailure>(key).Validate(_ => false, failure).ValidateOnStart();

    /// <summary>
    /// Validates every section now, before anything touches the database, and throws one exception whose failures
    /// are all of them (the host's own start-up validation would otherwise wrap several in an AggregateException,
    /// and the first options read by database set-up would report only its own).
    /// </summary>
    public static WebApplication ValidateSettings(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            var failures = e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(v => v.Failures).ToList();
            throw new OptionsValidationException("settings", typeof(object), failures);
        }

        return app;
    }

    /// <summary>The placeholder that carries a registration-time failure to the host's start-up validation.</summary>
    internal sealed class SettingFailure;
}
