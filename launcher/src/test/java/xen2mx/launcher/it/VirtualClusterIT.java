package xen2mx.launcher.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.testing.RootRequirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hostfiles/vcluster}: up makes what it says and is idempotent, down removes every namespace, link,
 * process and file, and a user without root gets one line. Root only.
 */
@Timeout(120)
class VirtualClusterIT
{
    @Test
    void shouldBuildAnIdempotentClusterAndRemoveEverythingItMade() throws Exception
    {
        RootRequirement.require("ip", "sshd", "ssh-keygen", "setpriv");
        VirtualCluster.down();
        VirtualCluster.up(2, "--guests", "2", "--mtu", "4000", "--slots", "3");
        final List<String> namespaces = List.of("x2mx-vc1", "x2mx-vc1g1", "x2mx-vc1g2", "x2mx-vc2", "x2mx-vc2g1",
            "x2mx-vc2g2");
        assertTrue(command("ip", "netns", "list").lines().map(l -> l.split(" ")[0]).toList().containsAll(namespaces));
        assertTrue(command("ip", "-n", "x2mx-vc2g1", "link", "show", "x2mx0").contains("mtu 4000"));
        final List<Long> sshds = List.of(sshd("x2mx-vc1g1"), sshd("x2mx-vc1g2"), sshd("x2mx-vc2g1"),
            sshd("x2mx-vc2g2"));
        for (final long pid : sshds)
        {
            assertTrue(running(pid), "sshd " + pid);
        }
        final String hosts = Files.readString(VirtualCluster.HOSTFILE);
        assertTrue(hosts.contains("10.213.2.2 slots=3 "), hosts);
        assertTrue(hosts.contains(" ssh_config=" + VirtualCluster.STATE.resolve("ssh_config")), hosts);
        assertFalse(Files.readString(VirtualCluster.HOSTFILE).contains("10.213.1.254"), "hosts are not VMs");

        assertTrue(VirtualCluster.run("up", "2", "--guests", "2", "--mtu", "4000", "--slots", "3")
            .startsWith("vcluster: already up"));
        assertEquals(sshds, List.of(sshd("x2mx-vc1g1"), sshd("x2mx-vc1g2"), sshd("x2mx-vc2g1"), sshd("x2mx-vc2g2")),
            "up again leaves the same cluster running");

        VirtualCluster.down();
        assertFalse(command("ip", "netns", "list").contains("x2mx-vc"), "namespaces left");
        assertFalse(command("ip", "-o", "link").contains("x2vc"), "links left");
        for (final long pid : sshds)
        {
            assertFalse(running(pid), "sshd " + pid + " left");
        }
        assertFalse(Files.exists(VirtualCluster.STATE));
        assertFalse(Files.exists(VirtualCluster.HOSTFILE));
        assertEquals("vcluster: down\n", VirtualCluster.run("down"), "down twice is harmless");

        final Process user = new ProcessBuilder("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
            VirtualCluster.SCRIPT.toString(), "up", "1").redirectErrorStream(true).start();
        final String refusal = new String(user.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(user.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, user.exitValue());
        assertEquals("vcluster: needs root (it creates network namespaces, a bridge and veth pairs); run it with "
            + "sudo\n", refusal);
    }

    /** @return true when the process exists and is no zombie (a daemon's zombie lingers where init does not reap). */
    private static boolean running(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    private static long sshd(final String namespace) throws Exception
    {
        return Long.parseLong(Files.readString(VirtualCluster.STATE.resolve("sshd-" + namespace + ".pid")).strip());
    }

    private static String command(final String... argv) throws Exception
    {
        final Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
