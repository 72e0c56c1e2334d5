package xen2mx.btl.mx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

/** The ping-pong tool runs end to end between two namespaces (a smoke test; numbers are for the benchmark runs). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawPingPongTest
{
    private static final String RING = "ring=" + (1 << 20);

    @Test
    void shouldPingPongAndStreamBetweenTwoNamespaces() throws Exception
    {
        RootRequirement.require("ip");
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (NetworkNamespaces hosts = NetworkNamespaces.builder().hosts(2).mtu(1500).create())
        {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            final String peer = hosts.macAddress(1);
            run(hosts, "pong", "ping", peer, "1514", "2000");
            run(hosts, "sink", "blast", peer, "1000", "0.2");
        }
        finally
        {
            System.setOut(original);
        }
        final String output = captured.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("java-raw block frame=1514 B iters=2000  half-RTT us: avg"), output);
        assertTrue(output.contains("java-raw blast frame=1000 B"), output);
        assertTrue(output.contains("java-raw sink frame=1000 B"), output);
    }

    private static void run(final NetworkNamespaces hosts, final String server, final String client,
        final String... arguments) throws InterruptedException
    {
        final Thread serverThread = new Thread(() -> InNetworkNamespace.call(hosts.name(1), () ->
        {
            RawPingPong.main(new String[] {server, hosts.interfaceName(), RING});
            return null;
        }));
        serverThread.start();
        Thread.sleep(200);
        final String[] clientArguments = new String[arguments.length + 3];
        clientArguments[0] = client;
        clientArguments[1] = hosts.interfaceName();
        System.arraycopy(arguments, 0, clientArguments, 2, arguments.length);
        clientArguments[arguments.length + 2] = RING;
        InNetworkNamespace.call(hosts.name(0), () ->
        {
            RawPingPong.main(clientArguments);
            return null;
        });
        serverThread.join(20_000);
        assertEquals(false, serverThread.isAlive(), server + " ended with the END frames");
    }
}
