package xen2mx.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetworkNamespacesTest
{
    @BeforeAll
    static void requireRoot()
    {
        RootRequirement.require("ip", "tc", "bash", "timeout");
    }

    @Test
    void shouldJoinTwoHostsDirectlyAtTheMtuAskedFor(@TempDir final Path directory) throws Exception
    {
        final List<String> names;
        try (NetworkNamespaces hosts = NetworkNamespaces.builder().hosts(2).mtu(1500).create())
        {
            names = hosts.names();
            assertFalse(hosts.bridged());
            assertTrue(hosts.name(0).startsWith(NetworkNamespaces.DEFAULT_PREFIX + "-"), hosts.name(0));
            assertTrue(Files.exists(Path.of("/run/netns", hosts.name(1))));
            assertNotEquals(hosts.macAddress(0), hosts.macAddress(1));
            final CommandResult link = hosts.run(1, "ip", "-o", "link", "show", "dev", "mx0").checked();
            assertTrue(link.stdout().contains("mtu 1500"), link.stdout());
            assertTrue(link.stdout().contains(hosts.macAddress(1)), link.stdout());
            assertTrue(link.stdout().startsWith(hosts.ifindex(1) + ":"), link.stdout());
            assertTrue(link.stdout().contains("state UP"), link.stdout());
            assertTrue(reachable(hosts, 0, 1));
            final CommandResult noV6 = hosts.run(0, "ip", "-6", "addr", "show", "dev", "mx0").checked();
            assertFalse(noV6.stdout().contains("inet6"), "no link-local address: " + noV6.stdout());

            final Path hostfile = hosts.writeHostfile(directory.resolve("hosts"), 2);
            assertEquals(hosts.name(0) + " slots=2\n" + hosts.name(1) + " slots=2\n", Files.readString(hostfile));
        }
        for (final String name : names)
        {
            assertFalse(Files.exists(Path.of("/run/netns", name)), name + " deleted");
        }
    }

    @Test
    void shouldBridgeFourHostsAndApplyNetem()
    {
        try (NetworkNamespaces hosts = NetworkNamespaces.create(4))
        {
            assertTrue(hosts.bridged());
            assertEquals(9000, hosts.mtu());
            for (int i = 0; i < 4; i++)
            {
                final CommandResult link = hosts.run(i, "ip", "-o", "link", "show", "dev", "mx0").checked();
                assertTrue(link.stdout().contains("mtu 9000"), link.stdout());
            }
            assertTrue(reachable(hosts, 0, 3));

            if (!hosts.netemSupported())
            {
                final UnsupportedOperationException missing = assertThrows(UnsupportedOperationException.class,
                    () -> hosts.netem(3, Netem.none().loss(100)));
                assertTrue(missing.getMessage().contains("CONFIG_NET_SCH_NETEM"), missing.getMessage());
                return;
            }
            hosts.netem(3, Netem.none().loss(100));
            assertFalse(reachable(hosts, 0, 3), "answers from host 3 are lost");
            assertTrue(reachable(hosts, 0, 2));
            hosts.clearNetem(3);
            hosts.clearNetem(3);
            assertTrue(reachable(hosts, 0, 3));
        }
    }

    /** A TCP connect to a closed port: refused (an answer came back) means reachable; a timeout means not. */
    private static boolean reachable(final NetworkNamespaces hosts, final int from, final int to)
    {
        final CommandResult result = hosts.run(from, "timeout", "1", "bash", "-c",
            "</dev/tcp/" + hosts.ipv4Address(to) + "/9");
        return result.stderr().contains("Connection refused");
    }

    @Test
    void shouldKillACommandThatOverrunsItsTimeout()
    {
        try (NetworkNamespaces hosts = NetworkNamespaces.builder().hosts(1).commandTimeout(Duration.ofMillis(300))
            .create())
        {
            final long start = System.nanoTime();
            final IllegalStateException overrun = assertThrows(IllegalStateException.class,
                () -> hosts.run(0, "sleep", "30"));
            assertTrue(overrun.getMessage().contains("killed"), overrun.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        }
    }
}
