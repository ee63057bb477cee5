using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace VoiceAuth.Portal.Features.Audit;

/// <summary>
/// Makes the circuit's <see cref="AuditOrigin"/> current for each event it handles (a click, a dialog's answer,
/// a timer's callback dispatched to it), so an audit entry written anywhere below knows the user and the address.
/// </summary>
internal sealed class AuditCircuitHandler(AuditOrigin origin, AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            origin.User = (await authentication.GetAuthenticationStateAsync()).User;
            AuditOrigin.Current = origin; // flows into the event and its continuations; the caller's flow is untouched
            await next(context);
        };
}
