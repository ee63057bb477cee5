using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VoiceAuth.Portal.Tests.Infrastructure;

/// <summary>
/// Just enough of an SMTP server (plain text, no authentication) on a loopback port to receive the portal's mails as
/// a real server would: the test sees the whole message the client sent.
/// </summary>
public sealed class FakeSmtpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public FakeSmtpServer()
    {
        listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The DATA of each message received, in order.</summary>
    public System.Threading.Channels.Channel<string> Messages { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 fake.smtp ESMTP");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                if (verb is "EHLO" or "HELO")
                {
                    await writer.WriteLineAsync("250 fake.smtp");
                }
                else if (verb == "DATA")
                {
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(stop.Token) is { } body && body != ".")
                    {
                        data.AppendLine(body);
                    }

                    await Messages.Writer.WriteAsync(data.ToString());
                    await writer.WriteLineAsync("250 Queued");
                }
                else if (verb == "QUIT")
                {
                    await writer.WriteLineAsync("221 Bye");
                    break;
                }
                else
                {
                    await writer.WriteLineAsync("250 OK");
                }
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
    }
}
