package xen2mx.bench;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * The collective OSU Micro-Benchmarks ported here: title (OMB 7.x), defaults ({@code osu_util.h}: 1000 timed and
 * 200 warm-up iterations up to 8 KiB, 100 and 10 above, sizes up to 1 MiB) and the one operation each times.
 * Data movement is measured on {@code MPI.BYTE} buffers of {@code size} bytes per rank; reductions sum
 * {@code size / 4} floats with {@code MPI.SUM}, so their sizes start at 4 bytes, as in OMB.
 */
public enum CollectiveBenchmark
{
    /** {@code osu_barrier}. */
    BARRIER("osu_barrier", "Barrier Latency", 0, false)
    {
        @Override
        void run(final Intracomm comm, final int size, final CollectiveBuffers b)
        {
            comm.Barrier();
        }
    },

    /** {@code osu_bcast}: from rank 0. */
    BCAST("osu_bcast", "Broadcast Latency", 1, true)
    {
        @Override
        void run(final Intracomm comm, final int size, final CollectiveBuffers b)
        {
            comm.Bcast(b.sendBytes(), 0, size, MPI.BYTE, 0);
        }
    },

    /** {@code osu_reduce}: to rank 0. */
    REDUCE("osu_reduce", "Reduce Latency", 4, true)
    {
        @Override
        void run(final Intracomm comm, final int size, final CollectiveBuffers b)
        {
            comm.Reduce(b.sendFloats(), 0, b.receiveFloats(), 0, size / Float.BYTES, MPI.FLOAT, MPI.SUM, 0);
        }
    },

    /** {@code osu_allreduce}. */
    ALLREDUCE("osu_allreduce", "Allreduce Latency", 4, true)
    {
        @Override
        void run(final Intracomm comm, final int size, final CollectiveBuffers b)
        {
            comm.Allreduce(b.sendFloats(), 0, b.receiveFloats(), 0, size / Float.BYTES, MPI.FLOAT, MPI.SUM);
        }
    },

    /** {@code osu_gather}: to rank 0. */
    GATHER("osu_gather", "Gather Latency", 1, true)
    {
        @Override
        void run(final Intracomm comm, final int size, final CollectiveBuffers b)
        {
            comm.Gather(b.sendBytes(), 0, size, MPI.BYTE, b.receiveBytes(), 0, size, MPI.BYTE, 0);
        }
    },

    /** {@code osu_scatter}: from rank 0. */
    SCATTER("osu_scatter", "Scatter Latency", 1, true)
    {
        @Override
        void run(final Intracomm comm, final int size, final CollectiveBuffers b)
        {
            comm.Scatter(b.sendBytes(), 0, size, MPI.BYTE, b.receiveBytes(), 0, size, MPI.BYTE, 0);
        }
    },

    /** {@code osu_allgather}. */
    ALLGATHER("osu_allgather", "Allgather Latency", 1, true)
    {
        @Override
        void run(final Intracomm comm, final int size, final CollectiveBuffers b)
        {
            comm.Allgather(b.sendBytes(), 0, size, MPI.BYTE, b.receiveBytes(), 0, size, MPI.BYTE);
        }
    },

    /** {@code osu_alltoall}. */
    ALLTOALL("osu_alltoall", "All-to-All Personalized Exchange Latency", 1, true)
    {
        @Override
        void run(final Intracomm comm, final int size, final CollectiveBuffers b)
        {
            comm.Alltoall(b.sendBytes(), 0, size, MPI.BYTE, b.receiveBytes(), 0, size, MPI.BYTE);
        }
    },

    /** {@code osu_reduce_scatter}: {@code size / 4} floats split as evenly as possible over the ranks. */
    REDUCE_SCATTER("osu_reduce_scatter", "Reduce_scatter Latency", 4, true)
    {
        @Override
        void run(final Intracomm comm, final int size, final CollectiveBuffers b)
        {
            comm.Reduce_scatter(b.sendFloats(), 0, b.receiveFloats(), 0, b.reduceScatterCounts(size), MPI.FLOAT,
                MPI.SUM);
        }
    };

    /** OMB's default largest message of the collective benchmarks, 1 MiB. */
    public static final long MAX_MESSAGE_SIZE = 1L << 20;
    /** Timed iterations per size up to {@link OmbBenchmark#LARGE_MESSAGE_SIZE}. */
    public static final int ITERATIONS_SMALL = 1000;
    /** Warm-up iterations per size up to {@link OmbBenchmark#LARGE_MESSAGE_SIZE}. */
    public static final int SKIP_SMALL = 200;
    /** Timed iterations per size above {@link OmbBenchmark#LARGE_MESSAGE_SIZE}. */
    public static final int ITERATIONS_LARGE = 100;
    /** Warm-up iterations per size above {@link OmbBenchmark#LARGE_MESSAGE_SIZE}. */
    public static final int SKIP_LARGE = 10;
    /** Heading of the average column, and with {@code "Min"} and {@code "Max"} of the others. */
    public static final String COLUMN = "Avg Latency(us)";

    private final String command;
    private final String title;
    private final long defaultMinSize;
    private final boolean sized;

    CollectiveBenchmark(final String command, final String title, final long defaultMinSize, final boolean sized)
    {
        this.command = command;
        this.title = title;
        this.defaultMinSize = defaultMinSize;
        this.sized = sized;
    }

    /**
     * Runs the timed operation once.
     *
     * @param comm    the communicator, at least two ranks
     * @param size    the message size in bytes
     * @param buffers buffers large enough for {@code size}
     * @throws MPIException if the operation fails
     */
    abstract void run(Intracomm comm, int size, CollectiveBuffers buffers);

    /** @return the OMB program name, e.g. {@code osu_bcast} */
    public String command()
    {
        return command;
    }

    /** @return the words between {@code "OSU MPI "} and {@code " Test"} in the title line */
    public String title()
    {
        return title;
    }

    /** @return the smallest message size measured by default (4 for the float reductions, else 1) */
    public long defaultMinSize()
    {
        return defaultMinSize;
    }

    /** @return the largest message size measured by default; 0 for the barrier */
    public long defaultMaxSize()
    {
        return sized ? MAX_MESSAGE_SIZE : 0;
    }

    /** @return whether the benchmark measures message sizes ({@code -m}); the barrier does not */
    public boolean sized()
    {
        return sized;
    }
}
