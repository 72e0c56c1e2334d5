package xen2mx.launcher;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xen2mx.boot.RendezvousAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command lines mpirun sends through ssh, run here by a real {@code sh} as sshd would run them: words survive
 * quoting, the probe reports what this machine has, the unpacker installs a runtime atomically.
 */
class RemoteCommandTest
{
    @TempDir
    Path dir;

    private static CommandRun sh(final String command) throws Exception
    {
        return CommandRun.run(List.of("sh", "-c", command), null, System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void shouldStartTheRankCommandWithEveryWordIntactThroughTheRemoteShell() throws Exception
    {
        final Map<String, String> env = new LinkedHashMap<>();
        env.put("X2MX_COMM_WORLD_RANK", "3");
        env.put("X2MX_RENDEZVOUS_TOKEN", "s3cret");
        env.put("ODD", "it's \"quoted\" $HOME `date` \\ ; & |");
        final HostEntry host = new HostEntry("vm3", 1, "line 1");
        final RemoteHost remote = new RemoteHost("vm3", "/j/bin/java", "/lib", dir.toString(), "10.77.0.254",
            false);
        final RankRoute.Ssh route = new RankRoute.Ssh(new SshCommand(dir.resolve("known")), host, remote);
        final RankLaunchSpec spec = new RankLaunchSpec(3, "vm3", route,
            List.of("printf", "[%s]\\n", "a b", "", "*", "$ODD"), env, false);
        final List<String> argv = route.argv(spec);
        assertEquals(List.of("ssh", "-T", "-x", "-o", "BatchMode=yes"), argv.subList(0, 5));
        assertTrue(argv.containsAll(List.of("StrictHostKeyChecking=accept-new",
            "UserKnownHostsFile=" + dir.resolve("known") + " ~/.ssh/known_hosts")), argv.toString());
        assertEquals(List.of("--", "vm3"), argv.subList(argv.size() - 3, argv.size() - 1));
        assertTrue(argv.stream().noneMatch(a -> a.contains("s3cret")), "the token is not on the command line");
        assertEquals("s3cret", route.stdinPreamble(spec));
        final CommandRun run = CommandRun.run(List.of("sh", "-c", argv.get(argv.size() - 1).replace("exec env",
            "exec env -i X2MX_RENDEZVOUS_TOKEN=\"$X2MX_RENDEZVOUS_TOKEN\"") + " \"$X2MX_RENDEZVOUS_TOKEN\""),
            new ByteArrayInputStream("s3cret\nfor the rank\n".getBytes(StandardCharsets.UTF_8)),
            System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
        assertEquals(0, run.status(), run.stderr());
        assertEquals("[a b]\n[]\n[*]\n[$ODD]\n[s3cret]\n", run.stdout(), "the token read from the first line");
        final CommandRun printenv = sh("cd / && exec " + RemoteShell.join(List.of("env", "ODD=" + env.get("ODD"),
            "sh", "-c", "printf %s \"$ODD\"")));
        assertEquals(env.get("ODD"), printenv.stdout());
        assertEquals(new RendezvousAddress.Tcp("10.77.0.254", 4711), route.rendezvous(new JobRendezvous(
            new RendezvousPoint(new RendezvousAddress.Tcp("127.0.0.1", 4711), "t"), null)).address());
    }

    @Test
    void shouldUseTheHostsSshConfigInsteadOfTheJobKnownHosts()
    {
        final HostEntry host = new HostEntry("10.77.0.1", 2, "line 1", null, Path.of("/vc/ssh_config"));
        final List<String> argv = new SshCommand(Path.of("/job/known")).argv(host, "true");
        assertTrue(argv.containsAll(List.of("-F", "/vc/ssh_config")), argv.toString());
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("UserKnownHostsFile")), argv.toString());
    }

    @Test
    void shouldUseAnSshLaunchAgentAsTheClientAndKeepOtherAgentsAgents() throws Exception
    {
        final LaunchAgent ssh = LaunchAgent.parse("/usr/bin/ssh -p 2222");
        assertTrue(SshCommand.isSsh(ssh));
        assertTrue(!SshCommand.isSsh(LaunchAgent.parse("ip netns exec")));
        final List<String> argv = new SshCommand(Path.of("/k"), ssh.words()).argv(new HostEntry("h", 1, "l"), "true");
        assertEquals(List.of("/usr/bin/ssh", "-p", "2222", "-T", "-x", "-o", "BatchMode=yes"), argv.subList(0, 7));
        assertEquals(RankMap.Reach.SSH, Mpirun.reach("far-away.invalid", ssh));
        assertEquals(RankMap.Reach.AGENT, Mpirun.reach("ns1", LaunchAgent.parse("ip netns exec")));
        assertEquals(RankMap.Reach.LOCAL, Mpirun.reach(LocalHost.name(), ssh));
    }

    @Test
    void shouldProbeJavaRuntimeWorkDirClasspathAndBackendWithAPosixShell() throws Exception
    {
        final Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("a.jar"), "jar a");
        Files.writeString(lib.resolve("b.jar"), "jar b");
        final RuntimeImage image = RuntimeImage.of(lib);
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final PreflightProbe.Request request = new PreflightProbe.Request(image, java, dir.toString(), true,
            List.of(lib.toString(), dir.resolve("missing.jar").toString()), null, null);
        final Map<String, String> found = PreflightProbe.parse(sh(
            "SSH_CONNECTION='192.0.2.9 5000 192.0.2.1 22'; export SSH_CONNECTION; "
            + PreflightProbe.command(request, new HostEntry("h", 1, "l", Path.of(dir + "/no.sock"), null))).stdout());
        assertEquals(java, found.get("java"));
        assertTrue(Preflight.javaMajor(found.get("javaversion")) >= 17, found.toString());
        assertEquals("192.0.2.9", found.get("client"));
        assertEquals(lib.toString(), found.get("runtime"));
        assertEquals(dir.toRealPath().toString(), found.get("wdir"));
        assertEquals(dir.resolve("missing.jar").toString(), found.get("classpath-missing-1"));
        assertEquals(null, found.get("classpath-missing-0"));
        assertEquals(dir + "/no.sock", found.get("backend-missing"));

        Files.writeString(lib.resolve("b.jar"), "jar b, another build");
        final PreflightProbe.Request stale = new PreflightProbe.Request(image, "/no/java", dir.resolve("gone")
            .toString(), false, List.of(), "native", null);
        final Map<String, String> other = PreflightProbe.parse(sh("HOME=" + dir + "; "
            + PreflightProbe.command(stale, new HostEntry("h", 1, "l"))).stdout());
        assertEquals(null, other.get("runtime"), "a jar differs: the runtime is not this one");
        assertEquals(dir.toString(), other.get("wdir"), "a missing implicit wdir falls back to home");
        assertEquals(8, Preflight.javaMajor("1.8.0_292"));
        assertEquals(21, Preflight.javaMajor("21"));
    }

    @Test
    void shouldUnpackAShippedRuntimeIntoTheHomeCacheAndVerifyIt() throws Exception
    {
        final Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("a.jar"), "jar a");
        final RuntimeImage image = RuntimeImage.of(lib);
        final Path home = Files.createDirectories(dir.resolve("home"));
        final Process tar = new ProcessBuilder("tar", "-C", lib.toString(), "-cf", "-", "a.jar").start();
        final CommandRun unpack = CommandRun.run(List.of("sh", "-c", "HOME=" + home + "; export HOME; "
            + PreflightProbe.unpackCommand(image)), tar.getInputStream(), System.nanoTime() + 20_000_000_000L);
        assertEquals(0, unpack.status(), unpack.stderr());
        final Path installed = home.resolve(image.cacheDirectory());
        assertEquals("jar a", Files.readString(installed.resolve("a.jar")));
        assertEquals(List.of("a.jar"), List.of(installed.toFile().list()));
        assertEquals(List.of(image.cacheDirectory().substring(image.cacheDirectory().lastIndexOf(File.separator)
            + 1)), List.of(installed.getParent().toFile().list()), "no partial copy left");
    }
}
