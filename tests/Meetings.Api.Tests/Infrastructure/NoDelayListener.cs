using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// The listener of the tests' SMTP server with Nagle's algorithm off on each accepted connection. SmtpServer 11.1.0's
/// own listener leaves it on, and its replies then wait for the client's delayed ACK: 45–60 ms a mail, so that 100 mails
/// took 5 s at the server whatever the service did (the stall the service's own socket had, docs/design/mail.md,
/// "Benchmark finding"). With it off: under a millisecond a mail. Plain connections only (no STARTTLS).
/// </summary>
internal sealed class NoDelayListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            context.Properties.Add(EndpointListener.LocalEndPointKey, listener.LocalEndpoint);
            context.Properties.Add(EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint!);
            return new Connection(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class Connection(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();
        private PipeReader? _input;
        private PipeWriter? _output;

        public PipeReader Input => _input ??= PipeReader.Create(_stream);

        public PipeWriter Output => _output ??= PipeWriter.Create(_stream);

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The tests' SMTP server speaks plain SMTP only.");

        public void Dispose()
        {
            client.Close();
            client.Dispose();
        }
    }
}
