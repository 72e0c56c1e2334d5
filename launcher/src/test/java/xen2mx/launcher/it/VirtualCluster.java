package xen2mx.launcher.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository's {@code hostfiles/vcluster} script driven from a test: hosts as network namespaces with an
 * sshd each, and the hostfile it writes. Needs root (the caller checks with {@code RootRequirement}).
 */
final class VirtualCluster
{
    static final Path SCRIPT = MpirunRun.BASEDIR.resolve("../hostfiles/vcluster").normalize();
    static final Path HOSTFILE = MpirunRun.BASEDIR.resolve("../hostfiles/vcluster.hosts").normalize();
    static final Path STATE = Path.of("/run/x2mx-vcluster");

    private VirtualCluster()
    {
    }

    /**
     * Runs {@code vcluster up hosts [options]} (idempotent) and checks the hostfile lists at least that many VMs.
     *
     * @param hosts   the number of hosts.
     * @param options more options of {@code up}, e.g. {@code --private-fs}.
     */
    static void up(final int hosts, final String... options) throws IOException, InterruptedException
    {
        final String[] args = new String[options.length + 2];
        args[0] = "up";
        args[1] = Integer.toString(hosts);
        System.arraycopy(options, 0, args, 2, options.length);
        final String out = run(args);
        assertTrue(Files.isRegularFile(HOSTFILE), out);
        assertTrue(Files.readAllLines(HOSTFILE).stream().filter(l -> !l.startsWith("#")).count() >= hosts, out);
    }

    /** Runs {@code vcluster down}. */
    static void down() throws IOException, InterruptedException
    {
        run("down");
    }

    /** @return the address of host {@code h} (from 1). */
    static String address(final int h)
    {
        return "10.213." + h + ".1";
    }

    /** @return the namespace of host {@code h} (from 1). */
    static String namespace(final int h)
    {
        return "x2mx-vc" + h;
    }

    /** @return the pid of host {@code h}'s sshd. */
    static long sshdPid(final int h) throws IOException
    {
        return Long.parseLong(Files.readString(STATE.resolve("sshd-" + namespace(h) + ".pid")).strip());
    }

    static String run(final String... args) throws IOException, InterruptedException
    {
        final String[] command = new String[args.length + 1];
        command[0] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "vcluster " + String.join(" ", args) + " hangs");
        assertEquals(0, p.exitValue(), "vcluster " + String.join(" ", args) + ":\n" + out);
        return out;
    }
}
