package xen2mx.launcher;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One short helper command of mpirun (an ssh probe, a copy) run to its end with a deadline, its output captured.
 *
 * @param status the exit status, or {@link #TIMED_OUT} when the command was killed at its deadline.
 * @param stdout what it wrote on stdout.
 * @param stderr what it wrote on stderr.
 */
public record CommandRun(int status, String stdout, String stderr)
{
    /** The status of a command killed at its deadline. */
    public static final int TIMED_OUT = -1;

    /**
     * Runs {@code argv} with stdin from {@code /dev/null}, or from {@code input} when given.
     *
     * @param argv         the command.
     * @param input        copied to the command's stdin and closed, or null for none.
     * @param deadlineNanos {@link System#nanoTime()} after which the command and its descendants are killed.
     * @return how it ended.
     * @throws IOException when it cannot be started.
     * @throws InterruptedException when interrupted while waiting (the command is killed).
     */
    public static CommandRun run(final List<String> argv, final InputStream input, final long deadlineNanos)
        throws IOException, InterruptedException
    {
        final ProcessBuilder pb = new ProcessBuilder(argv);
        if (input == null)
        {
            pb.redirectInput(new File("/dev/null"));
        }
        final Process p = pb.start();
        final CompletableFuture<String> out = drain(p.getInputStream());
        final CompletableFuture<String> err = drain(p.getErrorStream());
        if (input != null)
        {
            feed(p, input);
        }
        try
        {
            if (!p.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS))
            {
                kill(p);
                return new CommandRun(TIMED_OUT, out.getNow(""), err.getNow(""));
            }
        }
        catch (final InterruptedException ex)
        {
            kill(p);
            throw ex;
        }
        return new CommandRun(p.exitValue(), out.join(), err.join());
    }

    /** @return the last non-blank line of stderr, stripped, or an empty string. */
    public String lastErrorLine()
    {
        final String[] lines = stderr.strip().split("\r?\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private static void feed(final Process p, final InputStream input)
    {
        final Thread t = new Thread(() ->
        {
            try (OutputStream to = p.getOutputStream(); input)
            {
                input.transferTo(to);
            }
            catch (final IOException ignored)
            {
                // the command ended early; its status says why
            }
        }, "x2mx-command-input");
        t.setDaemon(true);
        t.start();
    }

    private static void kill(final Process p)
    {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static CompletableFuture<String> drain(final InputStream in)
    {
        final CompletableFuture<String> result = new CompletableFuture<>();
        final Thread t = new Thread(() ->
        {
            try (in)
            {
                final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                result.complete(bytes.toString(StandardCharsets.UTF_8));
            }
            catch (final IOException ex)
            {
                result.completeExceptionally(new UncheckedIOException(ex));
            }
        }, "x2mx-command-output");
        t.setDaemon(true);
        t.start();
        return result.exceptionally(ex -> "");
    }
}
