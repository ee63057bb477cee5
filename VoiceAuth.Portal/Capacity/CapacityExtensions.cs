using VoiceAuth.Portal.Configuration;

namespace VoiceAuth.Portal.Capacity;

internal static class CapacityExtensions
{
    /// <summary>Admission control for calls (<see cref="CallAdmission"/>), configured under <c>Capacity</c>.</summary>
    public static WebApplicationBuilder AddCapacity(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions(CapacityOptions.Section, new CapacityOptionsValidator());
        builder.Services.AddSingleton<CapacityPeers>();
        builder.Services.AddSingleton<CallAdmission>();
        return builder;
    }
}
