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
 * N}, {@code -x/--warmup N}, {@code -W/--window-size N} (bandwidth tests only, as in OMB), {@code -c/--validation}
 * and {@code -u/--validation-warmup N} (each timed iteration repeats its exchange N more times first, default 5
 * with {@code -c}, at most 10), {@code -t [SEND:]RECV} threads ({@code osu_latency_mt}), {@code -p PAIRS},
 * {@code -R 0|1} and {@code -V} ({@code osu_mbw_mr}; text only), the OMB Java port's {@code -a arrays}, and ours: {@code -o/--output FILE}
 * and {@code --format text|json|csv} (see {@link ResultFormat}). Semantics copied from OMB, including its leniency: numbers are read with {@code atoi}
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

    /** The windows {@code -V} measures (OMB's {@code WINDOW_SIZES}). */
    public static final List<Integer> VARIED_WINDOWS = List.of(1, 2, 4, 8, 16, 32, 64, 128);

    /** OMB's default count of extra exchanges before each timed one when validating ({@code -u}). */
    public static final int VALIDATION_WARMUP_DEFAULT = 5;

    /** OMB's upper bound of {@code -u}. */
    public static final int VALIDATION_WARMUP_MAX = 10;

    /** OMB's default number of receiver threads of {@code osu_latency_mt}. */
    public static final int DEFAULT_RECEIVER_THREADS = 2;

    /** OMB's bound on thread counts: at least 1, below 128. */
    public static final int MAX_THREADS = 128;

    /** The code {@link GetOpt} returns for the long-only {@code --format}. */
    static final char FORMAT_OPTION = '\u0001';

    /** The largest message size a {@code byte[]} benchmark buffer is allowed to hold: 1 GiB. */
    public static final long MAX_SUPPORTED_SIZE = 1L << 30;

    private final OmbBenchmark benchmark;
    private Outcome outcome = Outcome.RUN;
    private String errorLine;
    private final SizeRange sizes;
    private int iterationsSmall;
    private int iterationsLarge;
    private int skipSmall;
    private int skipLarge;
    private int windowSize;
    private final List<String> given;
    private boolean validate;
    private int validationWarmup = VALIDATION_WARMUP_DEFAULT;
    private int senderThreads = -1;
    private int receiverThreads = DEFAULT_RECEIVER_THREADS;
    private int pairs;
    private boolean printRate = true;
    private boolean varyWindow;
    private String outputFile;
    private ResultFormat format;

    private OmbOptions(final OmbBenchmark benchmark, final String[] args)
    {
        this.benchmark = benchmark;
        this.given = List.of(args);
        this.sizes = new SizeRange(benchmark.defaultMinSize(), OmbBenchmark.MAX_MESSAGE_SIZE);
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
        final OmbOptions options = new OmbOptions(Objects.requireNonNull(benchmark, "benchmark"), args);
        final GetOpt getOpt = new GetOpt(args, shortOptions(benchmark), longOptions(benchmark));
        GetOpt.Result r = getOpt.next();
        while (r.kind() != GetOpt.Kind.END && options.outcome == Outcome.RUN)
        {
            options.apply(r);
            r = getOpt.next();
        }
        if (!options.validate)
        {
            options.validationWarmup = 0;
        }
        if (options.outcome == Outcome.RUN && options.varyWindow
            && (options.outputFile != null || options.stdoutFormat() != ResultFormat.TEXT))
        {
            options.fail("-V writes OMB's table only, without --format or -o [-V]");
        }
        return options;
    }

    private static String shortOptions(final OmbBenchmark benchmark)
    {
        return "+:hvm:x:i:a:cu:o:" + FORMAT_OPTION + ":" + (benchmark.windowed() ? "W:" : "")
            + benchmark.extraOptionLetters();
    }

    private static Map<String, Character> longOptions(final OmbBenchmark benchmark)
    {
        final Map<String, Character> longOptions = new LinkedHashMap<>();
        longOptions.put("help", 'h');
        longOptions.put("version", 'v');
        longOptions.put("message-size", 'm');
        longOptions.put("iterations", 'i');
        longOptions.put("warmup", 'x');
        longOptions.put("validation", 'c');
        longOptions.put("validation-warmup", 'u');
        longOptions.put("output", 'o');
        longOptions.put("format", FORMAT_OPTION);
        if (benchmark.windowed())
        {
            longOptions.put("window-size", 'W');
        }
        final String extra = benchmark.extraOptionLetters();
        putIf(longOptions, extra, 't', "num-test-calls");
        putIf(longOptions, extra, 'p', "num-pairs");
        putIf(longOptions, extra, 'R', "print-rate");
        putIf(longOptions, extra, 'V', "vary-window");
        return longOptions;
    }

    private static void putIf(final Map<String, Character> longOptions, final String letters, final char option,
        final String name)
    {
        if (letters.indexOf(option) >= 0)
        {
            longOptions.put(name, option);
        }
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
            case 'm' -> check(sizes.apply(arg), "Invalid Message Size", option, arg);
            case 'i' -> check(setIterations(CNumbers.atoi(arg)), "Invalid Number of Iterations", option, arg);
            case 'x' -> check(setWarmup(CNumbers.atoi(arg)), "Invalid Number of Warmup Iterations", option, arg);
            case 'W' -> check(setWindow(CNumbers.atoi(arg)), "Invalid Window Size", option, arg);
            case 'a' -> applyBufferApi(arg);
            case 'c' -> validate = true;
            case 'u' -> setValidationWarmup(arg);
            case 't' -> check(setThreads(arg), "Invalid Number of Threads", option, arg);
            case 'p' -> check(setPairs(CNumbers.atoi(arg)), "Invalid Number of Pairs", option, arg);
            case 'R' -> check(setPrintRate(CNumbers.atoi(arg)), "Invalid Print Rate", option, arg);
            case 'V' -> varyWindow = true;
            case 'o' -> outputFile = arg;
            case FORMAT_OPTION -> applyFormat(arg);
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

    private void applyFormat(final String arg)
    {
        format = ResultFormat.named(arg);
        if (format == null)
        {
            fail("Invalid format, use text, json or csv [--format " + arg + "]");
        }
    }

    private void setValidationWarmup(final String arg)
    {
        final int value = CNumbers.atoi(arg);
        if (value < 0)
        {
            fail("Invalid Number of Validation Warmup  Iterations [-u " + arg + "]");
        }
        else if (value > VALIDATION_WARMUP_MAX)
        {
            fail("Number of Validation Warmup Iterationsmust be less than 10 [-u " + arg + "]");
        }
        else
        {
            validationWarmup = value;
        }
    }

    private boolean setThreads(final String value)
    {
        final int colon = value.indexOf(':');
        if (colon < 0)
        {
            senderThreads = -1;
            return setReceiverThreads(CNumbers.atoi(value));
        }
        if (colon != value.lastIndexOf(':') || colon == 0 || colon == value.length() - 1)
        {
            return false;
        }
        final int senders = CNumbers.atoi(value.substring(0, colon));
        if (!threadCountValid(senders))
        {
            return false;
        }
        senderThreads = senders;
        return setReceiverThreads(CNumbers.atoi(value.substring(colon + 1)));
    }

    private boolean setReceiverThreads(final int value)
    {
        if (!threadCountValid(value))
        {
            return false;
        }
        receiverThreads = value;
        return true;
    }

    private static boolean threadCountValid(final int value)
    {
        return value >= 1 && value < MAX_THREADS;
    }

    private boolean setPairs(final int value)
    {
        if (value < 1)
        {
            return false;
        }
        pairs = value;
        return true;
    }

    private boolean setPrintRate(final int value)
    {
        if (value != 0 && value != 1)
        {
            return false;
        }
        printRate = value == 1;
        return true;
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
        return sizes.min();
    }

    /** @return the largest message size in bytes */
    public long maxSize()
    {
        return sizes.max();
    }

    /** @return the user's arguments as given, for the provenance of machine-readable results */
    public List<String> given()
    {
        return given;
    }

    /** @return whether received data is checked ({@code -c}) */
    public boolean validate()
    {
        return validate;
    }

    /** @return untimed repetitions of each timed exchange ({@code -u}); 0 unless validating */
    public int validationWarmup()
    {
        return validationWarmup;
    }

    /** @return sender threads of {@code osu_latency_mt}: the {@code SEND} of {@code -t SEND:RECV}, else 1 */
    public int senderThreads()
    {
        return senderThreads < 0 ? 1 : senderThreads;
    }

    /** @return whether {@code -t} named the sender threads (OMB then tags each iteration with its number) */
    public boolean senderThreadsGiven()
    {
        return senderThreads >= 0;
    }

    /** @return receiver threads of {@code osu_latency_mt} (default {@value #DEFAULT_RECEIVER_THREADS}) */
    public int receiverThreads()
    {
        return receiverThreads;
    }

    /**
     * @param ranks the number of ranks
     * @return the pairs of {@code osu_mbw_mr}: {@code -p}, else {@code ranks / 2}
     */
    public int pairs(final int ranks)
    {
        return pairs > 0 ? pairs : ranks / 2;
    }

    /** @return whether {@code osu_mbw_mr} prints the message rate column ({@code -R 1}, the default) */
    public boolean printRate()
    {
        return printRate;
    }

    /** @return whether {@code osu_mbw_mr} measures every window of {@link #VARIED_WINDOWS} ({@code -V}) */
    public boolean varyWindow()
    {
        return varyWindow;
    }

    /** @return the file for machine-readable results ({@code -o}), or {@code null} */
    public String outputFile()
    {
        return outputFile;
    }

    /**
     * @return the format of standard output: {@code --format}, else text. With {@code -o} the text stays on
     *         standard output and the file gets {@link #fileFormat()}.
     */
    public ResultFormat stdoutFormat()
    {
        return outputFile == null && format != null ? format : ResultFormat.TEXT;
    }

    /** @return the format of the {@code -o} file: {@code --format}, else from its extension (csv or json) */
    public ResultFormat fileFormat()
    {
        if (format != null && format != ResultFormat.TEXT)
        {
            return format;
        }
        return outputFile != null && outputFile.endsWith(".csv") ? ResultFormat.CSV : ResultFormat.JSON;
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
        final List<Integer> list = new ArrayList<>();
        for (long size = sizes.min(); size <= sizes.max(); size = size == 0 ? 1 : size * 2)
        {
            list.add((int)size);
        }
        return list;
    }
}
