package xen2mx.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress report on standard error for long runs: the size just measured and a rough time left. Shown
 * only on rank 0 and only when standard error is a terminal (Linux: {@code /proc/self/fd/2} links to a
 * {@code /dev/pts} or {@code /dev/tty} device; elsewhere {@link System#console()} is non-null), or when
 * {@value #FORCE_ENV}{@code =1}; {@code =0} silences it. On a terminal the line is rewritten in place ({@code \r});
 * forced onto a pipe (under {@code mpirun}, whose forwarding is line by line) each report is a line of its own. Under {@code mpirun} a rank's streams are pipes, so the
 * launcher's user sets the variable ({@code -x X2MX_BENCH_PROGRESS=1}) to see it.
 *
 * <p>Time left assumes a size costs {@code (iterations + warm-up) × (size + 4 KiB)} units and that the units still to
 * come run at the average speed of those done: coarse at first, better as the sweep goes on.
 */
public final class Progress
{
    /** Environment variable that forces the report on (1) or off (0). */
    public static final String FORCE_ENV = "X2MX_BENCH_PROGRESS";

    private static final long FIXED_COST_BYTES = 4096;

    private final PrintStream err;
    private final String command;
    private final List<Integer> sizes;
    private final OmbOptions options;
    private final LongSupplier clock;
    private final boolean overwrite;
    private final long startNanos;
    private double unitsDone;
    private int shownLength;

    Progress(final PrintStream err, final String command, final List<Integer> sizes, final OmbOptions options,
        final LongSupplier clock, final boolean overwrite)
    {
        this.overwrite = overwrite;
        this.err = err;
        this.command = command;
        this.sizes = sizes;
        this.options = options;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    /**
     * @param root    whether this is rank 0
     * @param command the benchmark name
     * @param sizes   the sizes to measure
     * @param options the options
     * @return a report on {@link System#err}, or {@code null} when it must stay quiet
     */
    public static Progress forStderr(final boolean root, final String command, final List<Integer> sizes,
        final OmbOptions options)
    {
        final String force = System.getenv(FORCE_ENV);
        final boolean terminal = stderrIsTerminal();
        final boolean on = force != null ? "1".equals(force) : terminal;
        return root && on ? new Progress(System.err, command, sizes, options, System::nanoTime, terminal) : null;
    }

    /** @return whether file descriptor 2 is a terminal, as far as this JVM can tell without native code */
    static boolean stderrIsTerminal()
    {
        try
        {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        }
        catch (final IOException | UnsupportedOperationException | SecurityException e)
        {
            return System.console() != null;
        }
    }

    /**
     * Reports that {@code sizes.get(index)} is measured.
     *
     * @param index the position of the size just done
     */
    public void sizeDone(final int index)
    {
        unitsDone += units(sizes.get(index));
        double unitsLeft = 0;
        for (int i = index + 1; i < sizes.size(); i++)
        {
            unitsLeft += units(sizes.get(i));
        }
        final double elapsedSeconds = (clock.getAsLong() - startNanos) / 1e9;
        final double secondsLeft = unitsDone > 0 ? elapsedSeconds / unitsDone * unitsLeft : 0;
        show(line(sizes.get(index), index + 1, sizes.size(), secondsLeft));
    }

    /** Erases the line, so that standard output can be written on a clean line. */
    public void clear()
    {
        if (shownLength > 0)
        {
            err.print("\r" + " ".repeat(shownLength) + "\r");
            err.flush();
            shownLength = 0;
        }
    }

    /**
     * @param size        the size just done
     * @param done        sizes done
     * @param total       sizes in all
     * @param secondsLeft estimated seconds left
     * @return the text of the progress line
     */
    String line(final long size, final int done, final int total, final double secondsLeft)
    {
        return String.format(Locale.ROOT, "%s: %d B done (%d of %d sizes), about %s left", command, size, done,
            total, duration(secondsLeft));
    }

    private static String duration(final double seconds)
    {
        final long s = Math.round(seconds);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    private void show(final String text)
    {
        if (!overwrite)
        {
            err.println(text);
            return;
        }
        clear();
        err.print(text);
        err.flush();
        shownLength = text.length();
    }

    private double units(final long size)
    {
        return (double)(options.iterations(size) + options.skip(size)) * (size + FIXED_COST_BYTES);
    }
}
