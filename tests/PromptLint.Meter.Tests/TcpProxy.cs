using System.Net;
using System.Net.Sockets;

namespace PromptLint.Meter.Tests;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a server, to inject store latency and outages: every forwarded chunk waits
/// <see cref="Latency"/> (every <see cref="SpikeEvery"/>th chunk waits <see cref="Spike"/> instead); <see cref="Kill"/>
/// drops every connection and refuses new ones (an outage), <see cref="Restore"/> listens again on the same port.
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly int _target;
    private readonly object _gate = new();
    private readonly List<TcpClient> _connections = new();
    private TcpListener? _listener;
    private CancellationTokenSource _life = new();
    private long _chunks;

    public TcpProxy(int targetPort)
    {
        _target = targetPort;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public TimeSpan Latency { get; set; }

    public TimeSpan Spike { get; set; }

    public int SpikeEvery { get; set; }

    /// <summary>Connections accepted since the start, so a test can tell the client reconnected.</summary>
    public int Accepted { get; private set; }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            _life = new CancellationTokenSource();
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener, _life.Token);
        }
    }

    public void Kill()
    {
        lock (_gate)
        {
            _life.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections)
            {
                connection.Close();
            }

            _connections.Clear();
        }
    }

    public void Dispose() => Kill();

    private async Task AcceptAsync(TcpListener listener, CancellationToken life)
    {
        while (!life.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(life);
            }
            catch (Exception)
            {
                return;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, life);
            }
            catch (Exception)
            {
                client.Close();
                server.Close();
                continue;
            }

            lock (_gate)
            {
                if (life.IsCancellationRequested)
                {
                    client.Close();
                    server.Close();
                    return;
                }

                Accepted++;
                _connections.Add(client);
                _connections.Add(server);
            }

            _ = PumpAsync(client, server, life);
            _ = PumpAsync(server, client, life);
        }
    }

    // Reads on while earlier chunks wait out their latency, as a network does: latency without a throughput cap. A spike
    // holds back the chunks behind it too (TCP delivers in order).
    private async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken life)
    {
        var queue = System.Threading.Channels.Channel.CreateUnbounded<(byte[] Data, long Due)>(new() { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            try
            {
                var output = to.GetStream();
                await foreach (var (data, due) in queue.Reader.ReadAllAsync(life))
                {
                    var wait = TimeSpan.FromTicks(due - System.Diagnostics.Stopwatch.GetTimestamp() * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, life);
                    }

                    await output.WriteAsync(data, life);
                }
            }
            catch (Exception)
            {
                // A killed connection: both ends close below.
            }
        });

        var buffer = new byte[16 * 1024];
        try
        {
            var input = from.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer, life);
                if (read == 0)
                {
                    break;
                }

                var n = Interlocked.Increment(ref _chunks);
                var latency = SpikeEvery > 0 && n % SpikeEvery == 0 ? Spike : Latency;
                var now = System.Diagnostics.Stopwatch.GetTimestamp() * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency;
                queue.Writer.TryWrite((buffer.AsSpan(0, read).ToArray(), now + latency.Ticks));
            }
        }
        catch (Exception)
        {
            // A killed connection: both ends close below.
        }

        queue.Writer.TryComplete();
        await writer;
        from.Close();
        to.Close();
    }
}
