namespace VoiceAuth.Portal.Features.Admin;

/// <summary>A page of accounts and how many match in all.</summary>
public sealed record AccountResults(IReadOnlyList<AccountRow> Rows, int Total);
