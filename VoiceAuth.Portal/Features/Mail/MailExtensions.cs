using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceAuth.Portal.Configuration;

namespace VoiceAuth.Portal.Features.Mail;

internal static class MailExtensions
{
    /// <summary>The account e-mails' sender: SMTP when <c>Mail:Smtp:Host</c> is set, else (Development only) the outbox page.</summary>
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        var mail = builder.AddValidatedOptions(MailOptions.Section, new MailOptionsValidator(builder.Environment));
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        if (mail.UsesSmtp)
        {
            services.AddSingleton<SmtpMailQueue>();
            services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<SmtpMailQueue>());
            services.AddHostedService<SmtpDelivery>();
        }
        else
        {
            // The validator has refused this outside Development.
            services.AddSingleton<Outbox>();
            services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<Outbox>());
        }

        return builder;
    }

    /// <summary>The outbox page is a component like any other; without an outbox it answers 404, as if it did not exist.</summary>
    public static WebApplication MapMail(this WebApplication app)
    {
        var hasOutbox = app.Services.GetService<Outbox>() is not null;
        app.Use((context, next) =>
        {
            if (!hasOutbox && context.Request.Path.StartsWithSegments(Outbox.Path, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }
}
