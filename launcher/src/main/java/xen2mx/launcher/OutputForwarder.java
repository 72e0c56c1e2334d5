package xen2mx.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads one stream of one rank and hands it to a {@link LineSink} line by line, on its own daemon thread.
 *
 * <p>Contract: every byte read reaches the sink exactly once, in order; a line is delivered whole (no length
 * limit up to {@link #MAX_LINE} bytes; a longer line is delivered in pieces of that size); a final line without a
 * newline is delivered at EOF; the sink is flushed whenever the stream has nothing more buffered. A read error
 * ends forwarding like EOF.
 */
public final class OutputForwarder
{
    /** The longest line held back waiting for its newline. */
    public static final int MAX_LINE = 1 << 20;

    private static final int CHUNK = 8192;

    private final int rank;
    private final OutputKind kind;
    private final InputStream in;
    private final LineSink sink;
    private final Thread thread;
    private byte[] line = new byte[256];
    private int lineLength;

    /**
     * @param rank the rank.
     * @param kind which of its streams.
     * @param in   the stream.
     * @param sink where lines go.
     */
    public OutputForwarder(final int rank, final OutputKind kind, final InputStream in, final LineSink sink)
    {
        this.rank = rank;
        this.kind = kind;
        this.in = in;
        this.sink = sink;
        this.thread = new Thread(this::run, "x2mx-forward-" + rank + "-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        this.thread.setDaemon(true);
    }

    /** Starts the thread. */
    public void start()
    {
        thread.start();
    }

    /**
     * @param millis the longest time to wait.
     * @return true when the stream reached EOF and every line was delivered.
     * @throws InterruptedException when interrupted.
     */
    public boolean join(final long millis) throws InterruptedException
    {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    private void run()
    {
        final byte[] chunk = new byte[CHUNK];
        try (InputStream stream = in)
        {
            int n;
            while ((n = stream.read(chunk)) > 0)
            {
                split(chunk, n);
                if (stream.available() == 0)
                {
                    sink.flush();
                }
            }
        }
        catch (final IOException ignored)
        {
            // the rank is gone; what was read has been delivered
        }
        if (lineLength > 0)
        {
            sink.line(rank, kind, line, 0, lineLength);
            lineLength = 0;
        }
        sink.flush();
    }

    private void split(final byte[] chunk, final int n)
    {
        int start = 0;
        for (int i = 0; i < n; i++)
        {
            if (chunk[i] == '\n')
            {
                if (lineLength == 0)
                {
                    sink.line(rank, kind, chunk, start, i - start);
                }
                else
                {
                    append(chunk, start, i - start);
                    sink.line(rank, kind, line, 0, lineLength);
                    lineLength = 0;
                }
                start = i + 1;
            }
        }
        append(chunk, start, n - start);
    }

    private void append(final byte[] bytes, final int offset, final int length)
    {
        int off = offset;
        int len = length;
        while (lineLength + len > MAX_LINE)
        {
            final int part = MAX_LINE - lineLength;
            ensureCapacity(MAX_LINE);
            System.arraycopy(bytes, off, line, lineLength, part);
            sink.line(rank, kind, line, 0, MAX_LINE);
            lineLength = 0;
            off += part;
            len -= part;
        }
        ensureCapacity(lineLength + len);
        System.arraycopy(bytes, off, line, lineLength, len);
        lineLength += len;
    }

    private void ensureCapacity(final int capacity)
    {
        if (capacity > line.length)
        {
            line = Arrays.copyOf(line, Math.max(capacity, Math.min(MAX_LINE, line.length * 2)));
        }
    }
}
