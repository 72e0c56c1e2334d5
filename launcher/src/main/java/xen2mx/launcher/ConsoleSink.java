package xen2mx.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes rank lines to mpirun's stdout or stderr, and mpirun's own messages to stderr, one whole line at a time
 * under one lock, so no two sources share a line. With {@code --tag-output} each rank line starts with
 * {@code [jobid,rank]<stdout>:} or {@code [jobid,rank]<stderr>:}. Bytes pass through unchanged (no charset
 * decoding). Write errors (e.g. a closed terminal) are dropped: output must never stop the job's supervision.
 */
public final class ConsoleSink implements LineSink
{
    private static final byte NEWLINE = '\n';

    private final OutputStream out;
    private final OutputStream err;
    private final String jobId;
    private final boolean tag;

    /**
     * @param out   mpirun's stdout (buffered by the caller).
     * @param err   mpirun's stderr (buffered by the caller).
     * @param jobId the job id for tags.
     * @param tag   {@code --tag-output}.
     */
    public ConsoleSink(final OutputStream out, final OutputStream err, final String jobId, final boolean tag)
    {
        this.out = out;
        this.err = err;
        this.jobId = jobId;
        this.tag = tag;
    }

    @Override
    public synchronized void line(final int rank, final OutputKind kind, final byte[] bytes, final int offset,
        final int length)
    {
        final OutputStream target = kind == OutputKind.STDOUT ? out : err;
        try
        {
            if (tag)
            {
                target.write(("[" + jobId + "," + rank + "]" + kind.label() + ":").getBytes(StandardCharsets.UTF_8));
            }
            target.write(bytes, offset, length);
            target.write(NEWLINE);
        }
        catch (final IOException ignored)
        {
            // the console is gone; supervision continues
        }
    }

    /**
     * Writes mpirun's own text to stderr and flushes; multi-line text stays together.
     *
     * @param text one or more lines, without a final newline.
     */
    public synchronized void message(final String text)
    {
        try
        {
            out.flush();
            err.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
        }
        catch (final IOException ignored)
        {
            // the console is gone; supervision continues
        }
    }

    @Override
    public synchronized void flush()
    {
        try
        {
            out.flush();
            err.flush();
        }
        catch (final IOException ignored)
        {
            // the console is gone; supervision continues
        }
    }
}
