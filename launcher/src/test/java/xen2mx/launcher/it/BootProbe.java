package xen2mx.launcher.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import xen2mx.boot.JobBootstrap;

/**
 * A rank program for the integration tests; it uses only {@link JobBootstrap}. The first argument picks a
 * behaviour, the others parametrise it. Every rank first prints {@code rank R of S pid P}.
 */
public final class BootProbe
{
    private BootProbe()
    {
    }

    /**
     * @param args mode and its parameters, see the switch.
     * @throws Exception whatever the mode throws on purpose.
     */
    public static void main(final String[] args) throws Exception
    {
        final JobBootstrap boot = JobBootstrap.current();
        final int rank = boot.rank();
        System.out.println("rank " + rank + " of " + boot.size() + " pid " + ProcessHandle.current().pid());
        switch (args[0])
        {
            case "allgather" -> allgather(boot, Integer.parseInt(args[1]));
            case "args" -> System.out.println("rank " + rank + " args " + Arrays.toString(args));
            case "exit" -> exit(args[1 + rank]);
            case "abort" -> abortOrSleep(boot, Integer.parseInt(args[1]));
            case "throw" -> throwOrSleep(rank, Integer.parseInt(args[1]));
            case "throw-later" -> throwLaterOrSleep(rank, Integer.parseInt(args[1]), Long.parseLong(args[2]));
            case "sleep" -> sleepForever();
            case "stdin" -> stdin(rank);
            case "env" -> env(boot, args);
            case "cwd" -> System.out.println("rank " + rank + " cwd " + System.getProperty("user.dir"));
            case "spam" -> spam(rank, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "allgather-timeout" -> allgatherTimeout(boot);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        boot.finalized();
    }

    private static void allgather(final JobBootstrap boot, final int rounds) throws IOException
    {
        for (int round = 0; round < rounds; round++)
        {
            final byte[][] all = boot.allgather(("r" + boot.rank() + "/" + round).getBytes(StandardCharsets.UTF_8));
            final StringBuilder sb = new StringBuilder();
            for (final byte[] b : all)
            {
                sb.append(new String(b, StandardCharsets.UTF_8)).append(' ');
            }
            System.out.println("rank " + boot.rank() + " round " + round + ": " + sb.toString().trim());
        }
    }

    /** @param spec {@code code} or {@code code@delayMillis}. */
    private static void exit(final String spec) throws InterruptedException
    {
        final String[] parts = spec.split("@");
        if (parts.length > 1)
        {
            Thread.sleep(Long.parseLong(parts[1]));
        }
        System.exit(Integer.parseInt(parts[0]));
    }

    private static void abortOrSleep(final JobBootstrap boot, final int code) throws InterruptedException
    {
        if (boot.rank() == 0)
        {
            Thread.sleep(300);
            boot.abort(code, "probe aborts on purpose");
        }
        sleepForever();
    }

    private static void throwOrSleep(final int rank, final int thrower) throws InterruptedException
    {
        if (rank == thrower)
        {
            throw new IllegalStateException("boom from rank " + rank);
        }
        sleepForever();
    }

    /** The thrower waits {@code delayMillis}, prints {@code rank R throws at <epoch millis>}, then throws. */
    private static void throwLaterOrSleep(final int rank, final int thrower, final long delayMillis)
        throws InterruptedException
    {
        if (rank == thrower)
        {
            Thread.sleep(delayMillis);
            System.out.println("rank " + rank + " throws at " + System.currentTimeMillis());
            System.out.flush();
            throw new IllegalStateException("boom from rank " + rank);
        }
        sleepForever();
    }

    private static void stdin(final int rank) throws IOException
    {
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int count = 0;
        while ((line = in.readLine()) != null)
        {
            System.out.println("rank " + rank + " stdin: " + line);
            count++;
        }
        System.out.println("rank " + rank + " stdin lines: " + count);
    }

    private static void env(final JobBootstrap boot, final String[] names)
    {
        for (int i = 1; i < names.length; i++)
        {
            System.out.println("rank " + boot.rank() + " env " + names[i] + "=" + System.getenv(names[i]));
        }
        final Map<String, String> mca = JobBootstrap.mcaParameters();
        System.out.println("rank " + boot.rank() + " mca " + mca);
        System.out.println("rank " + boot.rank() + " verbosity " + JobBootstrap.verbosity());
        System.out.println("rank " + boot.rank() + " local " + boot.localRank() + "/" + boot.localSize()
            + " job " + boot.jobId());
    }

    private static void spam(final int rank, final int lines, final int width)
    {
        final String pad = "x".repeat(width);
        for (int i = 0; i < lines; i++)
        {
            System.out.println("<" + rank + ":" + i + ":" + pad + ">");
        }
        System.out.print("<" + rank + ":last-without-newline>");
        System.out.flush();
    }

    private static void allgatherTimeout(final JobBootstrap boot) throws InterruptedException
    {
        if (boot.rank() == 0)
        {
            try
            {
                boot.allgather(new byte[] {1}, java.time.Duration.ofMillis(1500));
                System.out.println("rank 0 allgather unexpectedly completed");
            }
            catch (final IOException ex)
            {
                System.out.println("rank 0 allgather failed: " + ex.getMessage());
            }
        }
        else
        {
            Thread.sleep(4000);
        }
    }

    private static void sleepForever() throws InterruptedException
    {
        while (true)
        {
            Thread.sleep(60_000);
        }
    }
}
