package xen2mx.btl.mx.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.frontend.FrontendDriver;
import xen2mx.btl.mx.lib.Mx;
import xen2mx.btl.mx.lib.MxEndpoint;

/**
 * Nobody burns a core while idle: a backend process with two attached, idle guests (each with an open MX endpoint)
 * sleeps on its futexes. Measured from {@code /proc/PID/stat} (user + system ticks) over 5 s; the guests' process is
 * measured too (it also holds the test harness, asleep).
 */
@Timeout(60)
class BackendIdleTest
{
    private static final double TICKS_PER_SECOND = 100.0;
    private static final long WINDOW_MILLIS = 5_000;

    @Test
    void shouldTakeAlmostNoCpuWithTwoIdleGuests() throws Exception
    {
        try (BackendProcess backend = BackendProcess.start();
            FrontendDriver first = FrontendDriver.attach(backend.socket());
            FrontendDriver second = FrontendDriver.attach(backend.socket());
            MxEndpoint a = MxEndpoint.open(first, 0, Mx.ANY_ENDPOINT, 1);
            MxEndpoint b = MxEndpoint.open(second, 0, Mx.ANY_ENDPOINT, 1))
        {
            Thread.sleep(1_000); // let both sides reach their idle sleeps
            final long pid = backend.process().pid();
            final long backendBefore = ticks(pid);
            final long guestsBefore = ticks(ProcessHandle.current().pid());
            Thread.sleep(WINDOW_MILLIS);
            final double backendPercent = percent(ticks(pid) - backendBefore);
            final double guestsPercent = percent(ticks(ProcessHandle.current().pid()) - guestsBefore);
            System.out.printf("idle CPU over %d ms: backend %.1f%% of a core, 2 guests (+ test JVM) %.1f%%%n",
                WINDOW_MILLIS, backendPercent, guestsPercent);
            assertTrue(backendPercent < 5.0, "idle backend used " + backendPercent + "% of a core");
            assertTrue(guestsPercent < 20.0, "idle guests used " + guestsPercent + "% of a core");
        }
    }

    private static double percent(final long ticks)
    {
        return 100.0 * ticks / (TICKS_PER_SECOND * WINDOW_MILLIS / 1000.0);
    }

    /** @return utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long ticks(final long pid) throws Exception
    {
        final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
