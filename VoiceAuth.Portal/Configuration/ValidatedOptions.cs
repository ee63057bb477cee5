using Microsoft.Extensions.Options;

namespace VoiceAuth.Portal.Configuration;

internal static class ValidatedOptions
{
    /// <summary>
    /// Binds section <paramref name="section"/> to <typeparamref name="T"/>, validates it when the host starts
    /// (messages name the configuration key), and returns the bound value for decisions that must be taken while
    /// services are registered — validated there too, so a bad value fails before anything else happens.
    /// </summary>
    public static T AddValidatedOptions<T>(this IHostApplicationBuilder builder, string section, IValidateOptions<T> validator)
        where T : class, new()
    {
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
        builder.Services.AddSingleton(validator);

        var value = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        var result = validator.Validate(Options.DefaultName, value);
        if (result.Failed)
        {
            throw new OptionsValidationException(section, typeof(T), result.Failures);
        }

        return value;
    }
}
