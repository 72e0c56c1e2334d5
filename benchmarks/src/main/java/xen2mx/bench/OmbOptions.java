package xen2mx.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of a point-to-point OSU benchmark, parsed as OMB 7.x {@code process_options} parses them.
 *
 * <p>Accepted: {@code -h/--help}, {@code -v/--version}, {@code -m/--message-size [MIN:]MAX}, {@code -i/--iterations
 * N}, {@code -x/--warmup N}, {@code -W/--window-size N} (bandwidth tests only, as in OMB) and the OMB Java port's
 * {@code -a arrays}. Semantics copied from OMB, including its leniency: numbers are read with {@code atoi}
 * ({@code -i 12abc} is 12), {@code -i} and {@code -x} set the small- and large-message counts alike, and in
 * {@code -m MIN:MAX} an invalid {@code MIN} is ignored when {@code MAX} is valid. Parsing stops at the first
 * help, version or error, so {@code -h -q} prints help and {@code -q -h} is a usage error.
 *
 * <p>Deviations: an unknown long option is reported as {@code [--name]} (OMB prints a NUL character); a
 * message size above {@link #MAX_SUPPORTED_SIZE} is an invalid message size (a Java array cannot hold it).
 */
public final class OmbOptions
{
    /** What the benchmark must do after parsing. */
    public enum Outcome
    {
        /** Run the benchmark with these options. */
        RUN,
        /** Print {@link OmbUsage#text(OmbBenchmark)} on rank 0 and exit 0. */
        HELP,
        /** Print the title line on rank 0 and exit 0. */
        VERSION,
        /** Print {@link #errorLine()} to stderr and the usage to stdout on rank 0, then exit 1. */
        BAD_USAGE
    }

    /** The largest message size a {@code byte[]} benchmark buffer is allowed to hold: 1 GiB. */
    public static final long MAX_SUPPORTED_SIZE = 1L << 30;

    private final OmbBenchmark benchmark;
    private Outcome outcome = Outcome.RUN;
    private String errorLine;
    private long minSize;
    private long maxSize;
    private int iterationsSmall;
    private int iterationsLarge;
    private int skipSmall;
    private int skipLarge;
    private int windowSize;

    private OmbOptions(final OmbBenchmark benchmark)
    {
        this.benchmark = benchmark;
        this.minSize = benchmark.defaultMinSize();
        this.maxSize = OmbBenchmark.MAX_MESSAGE_SIZE;
        this.iterationsSmall = benchmark.iterationsSmall();
        this.iterationsLarge = benchmark.iterationsLarge();
        this.skipSmall = benchmark.skipSmall();
        this.skipLarge = benchmark.skipLarge();
        this.windowSize = OmbBenchmark.DEFAULT_WINDOW_SIZE;
    }

    /**
     * Parses the user's arguments (what {@code MPI.Init} returned).
     *
     * @param benchmark the benchmark whose option set and defaults apply
     * @param args      the arguments; operands after the options are ignored, as OMB does without accelerators
     * @return the parsed options; never {@code null}, errors are reported through {@link #outcome()}
     */
    public static OmbOptions parse(final OmbBenchmark benchmark, final String[] args)
    {
        final OmbOptions options = new OmbOptions(Objects.requireNonNull(benchmark, "benchmark"));
        final GetOpt getOpt = new GetOpt(args, shortOptions(benchmark), longOptions(benchmark));
        GetOpt.Result r = getOpt.next();
        while (r.kind() != GetOpt.Kind.END && options.outcome == Outcome.RUN)
        {
            options.apply(r);
            r = getOpt.next();
        }
        return options;
    }

    private static String shortOptions(final OmbBenchmark benchmark)
    {
        return benchmark.windowed() ? "+:hvm:x:i:W:a:" : "+:hvm:x:i:a:";
    }

    private static Map<String, Character> longOptions(final OmbBenchmark benchmark)
    {
        final Map<String, Character> longOptions = new LinkedHashMap<>();
        longOptions.put("help", 'h');
        longOptions.put("version", 'v');
        longOptions.put("message-size", 'm');
        longOptions.put("iterations", 'i');
        longOptions.put("warmup", 'x');
        if (benchmark.windowed())
        {
            longOptions.put("window-size", 'W');
        }
        return longOptions;
    }

    private void apply(final GetOpt.Result r)
    {
        switch (r.kind())
        {
            case UNKNOWN_OPTION -> fail("Invalid option [" + r.text() + "]");
            case MISSING_ARGUMENT -> fail("Option Missing Required Argument [-" + r.option() + "]");
            default -> applyOption(r.option(), r.argument());
        }
    }

    private void applyOption(final char option, final String arg)
    {
        switch (option)
        {
            case 'h' -> outcome = Outcome.HELP;
            case 'v' -> outcome = Outcome.VERSION;
            case 'm' -> check(setMessageSize(arg), "Invalid Message Size", option, arg);
            case 'i' -> check(setIterations(CNumbers.atoi(arg)), "Invalid Number of Iterations", option, arg);
            case 'x' -> check(setWarmup(CNumbers.atoi(arg)), "Invalid Number of Warmup Iterations", option, arg);
            case 'W' -> check(setWindow(CNumbers.atoi(arg)), "Invalid Window Size", option, arg);
            case 'a' -> applyBufferApi(arg);
            default -> fail("Invalid option [-" + option + "]");
        }
    }

    private void applyBufferApi(final String arg)
    {
        if ("buffer".equals(arg))
        {
            fail("Buffer API is not supported yet, use -a arrays [-a " + arg + "]");
        }
        else if (!"arrays".equals(arg))
        {
            fail("Invalid buffer API, use arrays [-a " + arg + "]");
        }
    }

    private void check(final boolean ok, final String message, final char option, final String arg)
    {
        if (!ok)
        {
            fail(message + " [-" + option + " " + arg + "]");
        }
    }

    private void fail(final String line)
    {
        outcome = Outcome.BAD_USAGE;
        errorLine = line;
    }

    private boolean setMessageSize(final String value)
    {
        final int colons = (int)value.chars().filter(c -> c == ':').count();
        if (colons == 0)
        {
            return setMax(CNumbers.atoll(value));
        }
        if (colons > 1)
        {
            return false;
        }
        final List<String> tokens = new ArrayList<>();
        for (final String t : value.split(":"))
        {
            if (!t.isEmpty())
            {
                tokens.add(t);
            }
        }
        if (tokens.size() == 2)
        {
            setMin(CNumbers.atoll(tokens.get(0)));
            return setMax(CNumbers.atoll(tokens.get(1)));
        }
        if (tokens.size() == 1)
        {
            final long only = CNumbers.atoll(tokens.get(0));
            return value.startsWith(":") ? setMax(only) : setMin(only);
        }
        return false;
    }

    private boolean setMin(final long value)
    {
        if (value <= 0)
        {
            return false;
        }
        minSize = value;
        return true;
    }

    private boolean setMax(final long value)
    {
        if (value < 0 || value > MAX_SUPPORTED_SIZE)
        {
            return false;
        }
        maxSize = value;
        return true;
    }

    private boolean setIterations(final int value)
    {
        if (value < 1)
        {
            return false;
        }
        iterationsSmall = value;
        iterationsLarge = value;
        return true;
    }

    private boolean setWarmup(final int value)
    {
        if (value < 0)
        {
            return false;
        }
        skipSmall = value;
        skipLarge = value;
        return true;
    }

    private boolean setWindow(final int value)
    {
        if (value < 1)
        {
            return false;
        }
        windowSize = value;
        return true;
    }

    /** @return the benchmark these options are for */
    public OmbBenchmark benchmark()
    {
        return benchmark;
    }

    /** @return what to do */
    public Outcome outcome()
    {
        return outcome;
    }

    /** @return for {@link Outcome#BAD_USAGE}, OMB's one-line complaint, e.g. {@code Invalid option [-q]}; else null */
    public String errorLine()
    {
        return errorLine;
    }

    /** @return the smallest message size in bytes */
    public long minSize()
    {
        return minSize;
    }

    /** @return the largest message size in bytes */
    public long maxSize()
    {
        return maxSize;
    }

    /** @return the window size of the bandwidth tests */
    public int windowSize()
    {
        return windowSize;
    }

    /**
     * @param size a message size in bytes
     * @return timed iterations for that size
     */
    public int iterations(final long size)
    {
        return size > OmbBenchmark.LARGE_MESSAGE_SIZE ? iterationsLarge : iterationsSmall;
    }

    /**
     * @param size a message size in bytes
     * @return warm-up iterations for that size
     */
    public int skip(final long size)
    {
        return size > OmbBenchmark.LARGE_MESSAGE_SIZE ? skipLarge : skipSmall;
    }

    /**
     * OMB's size loop: from the minimum, doubling (0 is followed by 1), while not above the maximum.
     *
     * @return the message sizes to measure, ascending; empty if the minimum exceeds the maximum
     */
    public List<Integer> messageSizes()
    {
        final List<Integer> sizes = new ArrayList<>();
        for (long size = minSize; size <= maxSize; size = size == 0 ? 1 : size * 2)
        {
            sizes.add((int)size);
        }
        return sizes;
    }
}
