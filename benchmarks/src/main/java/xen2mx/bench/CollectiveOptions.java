package xen2mx.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of a collective OSU benchmark, parsed as OMB 7.x parses them: {@code -h/--help},
 * {@code -v/--version}, {@code -m/--message-size [MIN:]MAX} (not for the barrier), {@code -i/--iterations N},
 * {@code -x/--warmup N} (each setting the small- and large-message counts alike, numbers through {@code atoi}) and
 * {@code -f/--full}. Parsing stops at the first help, version or error; errors read as OMB's, e.g.
 * {@code Invalid Number of Iterations [-i 0]}.
 */
public final class CollectiveOptions
{
    private final CollectiveBenchmark benchmark;
    private final SizeRange sizes;
    private OmbOptions.Outcome outcome = OmbOptions.Outcome.RUN;
    private String errorLine;
    private int iterationsSmall = CollectiveBenchmark.ITERATIONS_SMALL;
    private int iterationsLarge = CollectiveBenchmark.ITERATIONS_LARGE;
    private int skipSmall = CollectiveBenchmark.SKIP_SMALL;
    private int skipLarge = CollectiveBenchmark.SKIP_LARGE;
    private boolean full;

    private CollectiveOptions(final CollectiveBenchmark benchmark)
    {
        this.benchmark = benchmark;
        this.sizes = new SizeRange(benchmark.defaultMinSize(), benchmark.defaultMaxSize());
    }

    /**
     * @param benchmark the benchmark whose defaults and option set apply
     * @param args      the user's arguments (what {@code MPI.Init} returned)
     * @return the parsed options; errors are reported through {@link #outcome()}
     */
    public static CollectiveOptions parse(final CollectiveBenchmark benchmark, final String[] args)
    {
        final CollectiveOptions options = new CollectiveOptions(Objects.requireNonNull(benchmark, "benchmark"));
        final Map<String, Character> longOptions = new LinkedHashMap<>();
        longOptions.put("help", 'h');
        longOptions.put("version", 'v');
        if (benchmark.sized())
        {
            longOptions.put("message-size", 'm');
        }
        longOptions.put("iterations", 'i');
        longOptions.put("warmup", 'x');
        longOptions.put("full", 'f');
        final GetOpt getOpt = new GetOpt(args, benchmark.sized() ? "+:hvm:x:i:f" : "+:hvx:i:f", longOptions);
        for (GetOpt.Result r = getOpt.next(); r.kind() != GetOpt.Kind.END
            && options.outcome == OmbOptions.Outcome.RUN; r = getOpt.next())
        {
            options.apply(r);
        }
        return options;
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
            case 'h' -> outcome = OmbOptions.Outcome.HELP;
            case 'v' -> outcome = OmbOptions.Outcome.VERSION;
            case 'f' -> full = true;
            case 'm' -> check(sizes.apply(arg), "Invalid Message Size", option, arg);
            case 'i' ->
            {
                final int n = CNumbers.atoi(arg);
                check(n >= 1, "Invalid Number of Iterations", option, arg);
                iterationsSmall = n;
                iterationsLarge = n;
            }
            case 'x' ->
            {
                final int n = CNumbers.atoi(arg);
                check(n >= 0, "Invalid Number of Warmup Iterations", option, arg);
                skipSmall = n;
                skipLarge = n;
            }
            default -> fail("Invalid option [-" + option + "]");
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
        outcome = OmbOptions.Outcome.BAD_USAGE;
        errorLine = line;
    }

    /** @return the benchmark these options are for */
    public CollectiveBenchmark benchmark()
    {
        return benchmark;
    }

    /** @return what to do */
    public OmbOptions.Outcome outcome()
    {
        return outcome;
    }

    /** @return for {@link OmbOptions.Outcome#BAD_USAGE}, OMB's one-line complaint; else null */
    public String errorLine()
    {
        return errorLine;
    }

    /** @return whether {@code -f} asked for the min, max and iterations columns */
    public boolean full()
    {
        return full;
    }

    /** @return timed iterations for a message of {@code size} bytes */
    public int iterations(final long size)
    {
        return size > OmbBenchmark.LARGE_MESSAGE_SIZE ? iterationsLarge : iterationsSmall;
    }

    /** @return warm-up iterations for a message of {@code size} bytes */
    public int skip(final long size)
    {
        return size > OmbBenchmark.LARGE_MESSAGE_SIZE ? skipLarge : skipSmall;
    }

    /** @return the sizes to measure, doubling from the minimum up to the maximum; {@code [0]} for the barrier */
    public List<Integer> messageSizes()
    {
        final List<Integer> list = new ArrayList<>();
        if (!benchmark.sized())
        {
            list.add(0);
            return list;
        }
        for (long size = sizes.min(); size <= sizes.max(); size = size == 0 ? 1 : size * 2)
        {
            list.add((int)size);
        }
        return list;
    }
}
