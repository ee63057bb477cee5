using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VoiceAuth.Portal.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks: sortable on SQLite, exact on SQL Server.</summary>
internal sealed class DateTimeOffsetToUtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
