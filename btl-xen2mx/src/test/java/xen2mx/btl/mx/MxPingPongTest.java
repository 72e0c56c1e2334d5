package xen2mx.btl.mx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.driver.DriverContext;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.driver.ThreadingMode;
import xen2mx.btl.mx.lib.MxEndpoint;
import xen2mx.btl.mx.media.MemoryEthernet;

/** The ping-pong tool's client and server over an in-memory fabric. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MxPingPongTest
{
    @Test
    void shouldPingPongEverySizeAndPrintOneLineEach() throws Exception
    {
        final MemoryEthernet fabric = new MemoryEthernet(9000);
        try (NativeDriver serverHost = new NativeDriver(fabric.attach("b"), invoker());
            NativeDriver clientHost = new NativeDriver(fabric.attach("a"), invoker());
            MxEndpoint server = MxEndpoint.open(serverHost, 0, 3, 0x0FE10FE1);
            MxEndpoint client = MxEndpoint.open(clientHost, 0, 0, 0x0FE10FE1))
        {
            final MxPingPong serverTool = parse("-N", "20", "-S", "0", "-E", "65536", "-M", "4");
            final Thread serving = new Thread(() -> serverTool.serve(server, new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            serving.start();
            final MxPingPong clientTool = parse("-d", mac(serverHost.boardAddress(0)), "-r", "3", "-N", "20",
                "-S", "0", "-E", "65536", "-M", "4");
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            clientTool.ping(client, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            serving.join(10_000);
            final String[] lines = bytes.toString(StandardCharsets.UTF_8).trim().split("\n");
            assertEquals(1 + 10, lines.length, String.join("\n", lines));
            assertTrue(lines[lines.length - 1].trim().startsWith("65536"), lines[lines.length - 1]);
        }
    }

    private static MxPingPong parse(final String... args)
    {
        return MxPingPong.parse(args);
    }

    private static DriverContext invoker()
    {
        return new DriverContext().threadingMode(ThreadingMode.INVOKER);
    }

    private static String mac(final long nicId)
    {
        final StringBuilder text = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            text.append(String.format("%02x", (nicId >>> shift) & 0xFF)).append(shift > 0 ? ":" : "");
        }
        return text.toString();
    }
}
