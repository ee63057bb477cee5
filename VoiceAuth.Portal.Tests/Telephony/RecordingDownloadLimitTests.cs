using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VoiceAuth.Portal.Telephony;
using VoiceAuth.Portal.Telephony.Twilio;
using VoiceAuth.Portal.Tests.Features.Verification;

namespace VoiceAuth.Portal.Tests.Telephony;

public sealed class RecordingDownloadLimitTests : IDisposable
{
    private readonly Tests.Telephony.Calls.EmulatedPortal portal = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // no Content-Length: the cap holds while reading
    public async Task A_huge_recording_is_refused_without_being_read_whole(bool declaresLength)
    {
        portal.TestServices.Add(services => services.AddHttpClient(TwilioTelephony.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HugeRecordingHandler(declaresLength)));
        var telephony = portal.Services.GetRequiredService<ITelephony>();

        await Assert.ThrowsAsync<InvalidDataException>(() => telephony.DownloadRecordingAsync("RE" + new string('1', 32), CancellationToken.None));
    }

    [Fact]
    public async Task Only_real_recording_ids_are_fetched()
    {
        var telephony = portal.Services.GetRequiredService<ITelephony>();

        await Assert.ThrowsAsync<ArgumentException>(() => telephony.DownloadRecordingAsync("../../Calls.json", CancellationToken.None));
    }

    public void Dispose() => portal.Dispose();

    private sealed class HugeRecordingHandler(bool declaresLength) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new MemoryStream(new byte[TwilioTelephony.MaxRecordingBytes + 1]));
            if (!declaresLength)
            {
                content = new StreamContent(new NoLengthStream(TwilioTelephony.MaxRecordingBytes + 1));
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    /// <summary>A body whose length is unknown up front (as with chunked transfer).</summary>
    private sealed class NoLengthStream(int size) : Stream
    {
        private int left = size;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, left);
            left -= n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
