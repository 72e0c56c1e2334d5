package xen2mx.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real child processes through both routes. The agent here is a two-line shell script that records the host it
 * was given and execs the rest, as {@code ip netns exec} does; the rank is {@code sh}.
 */
@Timeout(20)
class ChildProcessLauncherTest
{
    @TempDir
    Path dir;

    private Path agentScript() throws Exception
    {
        final Path agent = dir.resolve("agent");
        Files.writeString(agent, "#!/bin/sh\necho \"$1\" > \"" + dir.resolve("host") + "\"\nshift\nexec \"$@\"\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
        return agent;
    }

    @Test
    void shouldDeliverTheRankVariablesThroughTheAgentWithoutInheritance() throws Exception
    {
        final RankRoute route = new RankRoute.Agent(new LaunchAgent(List.of(agentScript().toString())));
        final RankLaunchSpec spec = new RankLaunchSpec(1, "ns-b", route,
            List.of("sh", "-c", "echo \"$X2MX_COMM_WORLD_RANK|$SPACED|$$\""), Map.of("X2MX_COMM_WORLD_RANK", "1",
            "SPACED", "a  b"), false);
        final RankProcess p = new ChildProcessLauncher().start(spec);
        final String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.onExit().get(10, TimeUnit.SECONDS));
        assertEquals("1|a  b|" + p.pid(), out, "the agent exec'd: the child's pid is the rank's");
        assertEquals("ns-b", Files.readString(dir.resolve("host")).strip());
    }

    @Test
    void shouldKillTheRankByKillingTheAgentChild() throws Exception
    {
        final RankRoute route = new RankRoute.Agent(new LaunchAgent(List.of(agentScript().toString())));
        final RankProcess p = new ChildProcessLauncher().start(new RankLaunchSpec(0, "ns-a", route,
            List.of("sleep", "30"), Map.of(), false));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!ProcessHandle.of(p.pid()).flatMap(h -> h.info().command()).orElse("").endsWith("sleep")
            && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        p.terminate();
        assertEquals(143, p.onExit().get(5, TimeUnit.SECONDS));
        assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void shouldStartDirectRanksWithVariablesInTheirEnvironment() throws Exception
    {
        final RankLaunchSpec spec = new RankLaunchSpec(0, "me", RankRoute.DIRECT,
            List.of("sh", "-c", "echo \"$X2MX_COMM_WORLD_RANK\""), Map.of("X2MX_COMM_WORLD_RANK", "0"), false);
        final RankProcess p = new ChildProcessLauncher().start(spec);
        assertEquals("0", new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertEquals(0, p.onExit().get(10, TimeUnit.SECONDS));
        assertTrue(p.onExit().isDone());
    }
}
