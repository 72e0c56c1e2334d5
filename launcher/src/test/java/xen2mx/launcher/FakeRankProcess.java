package xen2mx.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-JVM rank: output written by the test, exit completed by the test, and the reaction to SIGTERM chosen
 * per instance (exit 143 like a JVM, or ignore it like a rank stuck in a shutdown hook).
 */
final class FakeRankProcess implements RankProcess
{
    private final long pid;
    private final PipedOutputStream out = new PipedOutputStream();
    private final PipedInputStream stdout;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final boolean ignoresTerm;
    final AtomicInteger terms = new AtomicInteger();
    final AtomicInteger kills = new AtomicInteger();

    FakeRankProcess(final long pid)
    {
        this(pid, false);
    }

    FakeRankProcess(final long pid, final boolean ignoresTerm)
    {
        this.pid = pid;
        this.ignoresTerm = ignoresTerm;
        try
        {
            this.stdout = new PipedInputStream(out, 1 << 16);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Prints a line on the fake's stdout. */
    void println(final String line)
    {
        try
        {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Ends the fake with {@code status}, closing its output first as a real process does. */
    void exit(final int status)
    {
        try
        {
            out.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        exit.complete(status);
    }

    @Override
    public long pid()
    {
        return pid;
    }

    @Override
    public InputStream stdout()
    {
        return stdout;
    }

    @Override
    public InputStream stderr()
    {
        return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public CompletableFuture<Integer> onExit()
    {
        return exit;
    }

    @Override
    public void terminate()
    {
        terms.incrementAndGet();
        if (!ignoresTerm && !exit.isDone())
        {
            exit(143);
        }
    }

    @Override
    public void kill()
    {
        kills.incrementAndGet();
        if (!exit.isDone())
        {
            exit(137);
        }
    }
}
