using System.Reflection;

namespace VoiceAuth.Portal.Shell;

/// <summary>
/// An assembly beyond the portal's own whose routable pages the shell serves. A slice registers one for a component
/// library it composes (Telephony: the emulator's softphone, only in emulator mode), so the shell names no slice.
/// </summary>
public sealed record PageAssembly(Assembly Assembly);
