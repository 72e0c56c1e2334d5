package xen2mx.bench;

import mpi.Intracomm;

/**
 * Everything a kernel needs to measure one message size: the communicator, this rank, the size, the options, the
 * prepared buffers, where to record per-iteration values (on the timing rank) and where to count validation
 * errors (on the checking ranks). One instance per size and rank; {@link #addErrors} may be called from several
 * threads.
 */
public final class SizeRun
{
    private final Intracomm comm;
    private final int rank;
    private final int ranks;
    private final int size;
    private final OmbOptions options;
    private final MessageBuffers buffers;
    private final int window;
    private final IterationSamples samples = new IterationSamples();
    private long errors;

    /**
     * @param comm    the communicator of the benchmark
     * @param rank    this rank in it
     * @param ranks   its size
     * @param size    bytes per message
     * @param options the parsed options
     * @param buffers the buffers, prepared for {@code size}
     */
    public SizeRun(final Intracomm comm, final int rank, final int ranks, final int size, final OmbOptions options,
        final MessageBuffers buffers)
    {
        this(comm, rank, ranks, size, options, buffers, options.windowSize());
    }

    /**
     * @param comm    the communicator of the benchmark
     * @param rank    this rank in it
     * @param ranks   its size
     * @param size    bytes per message
     * @param options the parsed options
     * @param buffers the buffers, prepared for {@code size}
     * @param window  messages per window of the bandwidth tests (one of {@code -V}'s, else {@code -W})
     */
    public SizeRun(final Intracomm comm, final int rank, final int ranks, final int size, final OmbOptions options,
        final MessageBuffers buffers, final int window)
    {
        this.window = window;
        this.comm = comm;
        this.rank = rank;
        this.ranks = ranks;
        this.size = size;
        this.options = options;
        this.buffers = buffers;
    }

    /** @return the communicator */
    public Intracomm comm()
    {
        return comm;
    }

    /** @return this rank */
    public int rank()
    {
        return rank;
    }

    /** @return the number of ranks */
    public int ranks()
    {
        return ranks;
    }

    /** @return bytes per message */
    public int size()
    {
        return size;
    }

    /** @return the options */
    public OmbOptions options()
    {
        return options;
    }

    /** @return the buffers */
    public MessageBuffers buffers()
    {
        return buffers;
    }

    /** @return messages per window of the bandwidth tests */
    public int window()
    {
        return window;
    }

    /** @return timed iterations for this size */
    public int iterations()
    {
        return options.iterations(size);
    }

    /** @return warm-up iterations for this size */
    public int skip()
    {
        return options.skip(size);
    }

    /** @return exchanges per iteration: 1, plus {@code -u} untimed ones before it when validating */
    public int exchangesPerIteration()
    {
        return options.validationWarmup() + 1;
    }

    /** @return the per-iteration values recorded so far */
    public IterationSamples samples()
    {
        return samples;
    }

    /** @param count bytes found wrong by this rank */
    public synchronized void addErrors(final long count)
    {
        errors += count;
    }

    /** @return bytes found wrong by this rank */
    public synchronized long errors()
    {
        return errors;
    }
}
