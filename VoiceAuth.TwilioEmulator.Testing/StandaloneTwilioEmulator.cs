using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceAuth.Emulator.Rest;

namespace VoiceAuth.Emulator.Testing;

/// <summary>
/// The emulator in a web host of its own on loopback (random port), outliving any portal host: tests restart the
/// portal mid-call and point <see cref="TwilioEmulator.UsePortalHandler"/> at the new one.
/// </summary>
internal sealed class StandaloneTwilioEmulator : IAsyncDisposable
{
    private readonly WebApplication app;

    private StandaloneTwilioEmulator(WebApplication app, TwilioEmulator emulator, Uri baseAddress)
    {
        this.app = app;
        Emulator = emulator;
        BaseAddress = baseAddress;
    }

    public TwilioEmulator Emulator { get; }

    /// <summary>Where the REST API is served, e.g. <c>http://127.0.0.1:41234/</c> (paths start at <c>/2010-04-01</c>).</summary>
    public Uri BaseAddress { get; }

    public static async Task<StandaloneTwilioEmulator> StartAsync(TwilioEmulatorOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new TwilioEmulatorOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(TwilioEmulatorOptions.Section, typeof(TwilioEmulatorOptions), validation.Failures);
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        var emulator = new TwilioEmulator(options, loggerFactory.CreateLogger<TwilioEmulator>());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapEmulatorApi("", emulator);
        await app.StartAsync();
        var address = new Uri(app.Urls.First().TrimEnd('/') + "/");
        emulator.Log.Started("standalone", emulator.AccountSid, options.PhoneNumbers.Length);
        return new StandaloneTwilioEmulator(app, emulator, address);
    }

    /// <summary>An HttpClient for the Twilio SDK (and recording downloads) that reaches this emulator instead of Twilio.</summary>
    public HttpClient CreateSdkHttpClient() =>
        new(new TwilioApiRedirectHandler(BaseAddress) { InnerHandler = new SocketsHttpHandler() });

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
