package xen2mx.itest;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;
import mpi.Status;

/**
 * MPI point-to-point semantics checked across real rank processes. Each check throws on a wrong result, so the
 * rank exits non-zero and {@code mpirun} fails the job. Run: {@code mpirun -np N PointToPointChecks [check...]}.
 */
public final class PointToPointChecks
{
    private static Intracomm world;
    private static int rank;
    private static int size;

    private PointToPointChecks()
    {
    }

    public static void main(final String[] args)
    {
        final String[] user = args;
        if (MPI.Init_thread(args, MPI.THREAD_MULTIPLE) != MPI.THREAD_MULTIPLE
            || MPI.Query_thread() != MPI.THREAD_MULTIPLE)
        {
            throw new AssertionError("THREAD_MULTIPLE not provided");
        }
        world = MPI.COMM_WORLD;
        rank = world.Rank();
        size = world.Size();
        final List<String> checks = user.length > 0 ? Arrays.asList(user)
            : List.of("ordering", "wildcards", "probe", "nonblocking", "objects", "sizes", "ssend", "sendrecv",
            "large", "truncation", "types", "threads", "buffered", "reinit");
        for (final String check : checks)
        {
            world.Barrier();
            switch (check)
            {
                case "ordering" -> ordering();
                case "wildcards" -> wildcards();
                case "probe" -> probe();
                case "nonblocking" -> nonblocking();
                case "objects" -> objects();
                case "sizes" -> sizes();
                case "ssend" -> ssend();
                case "sendrecv" -> sendrecv();
                case "large" -> large();
                case "truncation" -> truncation();
                case "types" -> types();
                case "threads" -> threads();
                case "buffered" -> buffered();
                case "reinit" -> reinit(args);
                default -> throw new IllegalArgumentException("unknown check " + check);
            }
            if (rank == 0)
            {
                System.out.println("check " + check + " passed on " + size + " ranks");
            }
        }
        MPI.Finalize();
    }

    private static void expect(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new AssertionError("rank " + rank + ": " + what);
        }
    }

    /** Every sender's messages arrive in order at an ANY_SOURCE receiver, whatever the interleaving. */
    private static void ordering()
    {
        final int messages = 2000;
        if (rank == 0)
        {
            final int[] next = new int[size];
            final int[] in = new int[2];
            for (int i = 0; i < messages * (size - 1); i++)
            {
                final Status status = world.Recv(in, 0, 2, MPI.INT, MPI.ANY_SOURCE, 5);
                expect(status.source == in[0], "status.source " + status.source + " vs payload " + in[0]);
                expect(in[1] == next[in[0]], "from " + in[0] + " got seq " + in[1] + " expected " + next[in[0]]);
                next[in[0]]++;
            }
        }
        else
        {
            for (int i = 0; i < messages; i++)
            {
                world.Send(new int[] {rank, i}, 0, 2, MPI.INT, 0, 5);
            }
        }
    }

    /** ANY_TAG takes messages in arrival order per sender; a specific tag skips over others. */
    private static void wildcards()
    {
        if (rank == 1)
        {
            for (int tag = 10; tag < 15; tag++)
            {
                world.Send(new int[] {tag}, 0, 1, MPI.INT, 0, tag);
            }
        }
        else if (rank == 0)
        {
            final int[] in = new int[1];
            world.Recv(in, 0, 1, MPI.INT, 1, 13);
            expect(in[0] == 13, "tag 13 got " + in[0]);
            for (final int expected : new int[] {10, 11, 12, 14})
            {
                final Status status = world.Recv(in, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
                expect(status.tag == expected && in[0] == expected && status.source == 1,
                    "ANY_TAG got tag " + status.tag + " value " + in[0] + " expected " + expected);
            }
        }
    }

    private static void probe()
    {
        if (rank == 1)
        {
            world.Send(new double[7], 0, 7, MPI.DOUBLE, 0, 21);
        }
        else if (rank == 0)
        {
            final Status status = world.Probe(MPI.ANY_SOURCE, MPI.ANY_TAG);
            expect(status.source == 1 && status.tag == 21, "probe envelope " + status);
            expect(status.Get_count(MPI.DOUBLE) == 7, "probe count " + status.Get_count(MPI.DOUBLE));
            final double[] in = new double[status.Get_count(MPI.DOUBLE)];
            world.Recv(in, 0, in.length, MPI.DOUBLE, status.source, status.tag);
            expect(world.Iprobe(MPI.ANY_SOURCE, 21) == null, "Iprobe after receive is null");
        }
    }

    /** Every rank exchanges with every other through Irecv/Isend and the array completion functions. */
    private static void nonblocking()
    {
        final int[][] in = new int[size][64];
        final Request[] recvs = new Request[size];
        final Request[] sends = new Request[size];
        final int[] out = new int[64];
        Arrays.fill(out, rank);
        for (int peer = 0; peer < size; peer++)
        {
            recvs[peer] = world.Irecv(in[peer], 0, 64, MPI.INT, peer, 30);
        }
        for (int peer = 0; peer < size; peer++)
        {
            sends[peer] = world.Isend(out, 0, 64, MPI.INT, peer, 30);
        }
        int received = 0;
        while (received < size)
        {
            final Status[] done = Request.Waitsome(recvs);
            for (final Status status : done)
            {
                expect(status.index == status.source, "Waitsome index " + status.index + " source " + status.source);
                expect(in[status.index][63] == status.index, "payload from " + status.index);
            }
            received += done.length;
        }
        Request.Waitall(sends);
        final Request any = world.Irecv(in[0], 0, 64, MPI.INT, (rank + size - 1) % size, 31);
        world.Send(out, 0, 64, MPI.INT, (rank + 1) % size, 31);
        expect(Request.Waitany(new Request[] {null, any}).index == 1, "Waitany index");
    }

    private static void objects()
    {
        if (rank == 0)
        {
            final Object[] out = {"text", new int[] {1, 2}, List.of("x", "y"), new StringBuilder("sb"), null};
            for (int peer = 1; peer < size; peer++)
            {
                world.Send(out, 0, out.length, MPI.OBJECT, peer, 40);
            }
        }
        else
        {
            final Object[] in = new Object[6];
            final Status status = world.Recv(in, 1, 5, MPI.OBJECT, 0, MPI.ANY_TAG);
            expect("text".equals(in[1]) && ((int[])in[2])[1] == 2 && List.of("x", "y").equals(in[3])
                && "sb".equals(in[4].toString()) && in[5] == null, "objects " + Arrays.toString(in));
            expect(status.Get_count(MPI.OBJECT) == 5, "object count " + status.Get_count(MPI.OBJECT));
        }
    }

    /** Sizes around every protocol switch arrive intact, both ways. */
    private static void sizes()
    {
        if (rank > 1)
        {
            return;
        }
        final int peer = 1 - rank;
        for (final int n : new int[] {0, 1, 31, 32, 33, 127, 128, 129, 4095, 8192, 8193, 32767, 32768, 32769, 65535,
            65536, 65537, 131071, 131072, 131073, 1 << 20})
        {
            final byte[] out = new byte[n];
            for (int i = 0; i < n; i++)
            {
                out[i] = (byte)(i * 7 + rank);
            }
            final byte[] in = new byte[n];
            final Status status = world.Sendrecv(out, 0, n, MPI.BYTE, peer, n & 0xffff, in, 0, n, MPI.BYTE, peer,
                n & 0xffff);
            expect(status.Get_count(MPI.BYTE) == n, "size " + n + " count " + status.Get_count(MPI.BYTE));
            for (int i = 0; i < n; i++)
            {
                if (in[i] != (byte)(i * 7 + peer))
                {
                    throw new AssertionError("rank " + rank + ": size " + n + " byte " + i + " wrong");
                }
            }
        }
    }

    /**
     * A synchronous send completes only once the receiver has matched it: rank 1's Issend must stay incomplete while
     * rank 0 has posted no receive (rank 0 posts it only when rank 1 says "go"), small or large.
     */
    private static void ssend()
    {
        for (final int n : new int[] {1, 200_000})
        {
            if (rank == 1)
            {
                final Request ssend = world.Issend(new int[n], 0, n, MPI.INT, 0, 50);
                final long until = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < until)
                {
                    expect(ssend.Test() == null, "Issend of " + n + " ints completed before the receive was posted");
                }
                world.Send(new int[0], 0, 0, MPI.INT, 0, 51);
                ssend.Wait();
            }
            else if (rank == 0)
            {
                world.Recv(new int[0], 0, 0, MPI.INT, 1, 51);
                world.Recv(new int[n], 0, n, MPI.INT, 1, 50);
            }
        }
    }

    private static void sendrecv()
    {
        final int[] in = new int[1];
        world.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, (rank + 1) % size, 60, in, 0, 1, MPI.INT,
            (rank + size - 1) % size, 60);
        expect(in[0] == (rank + size - 1) % size, "Sendrecv got " + in[0]);
        final long[] buf = {rank};
        world.Sendrecv_replace(buf, 0, 1, MPI.LONG, (rank + 1) % size, 61, MPI.ANY_SOURCE, 61);
        expect(buf[0] == (rank + size - 1) % size, "Sendrecv_replace got " + buf[0]);
    }

    /**
     * Every pair of ranks swaps 100,000 ints with Bsend before either receives (so the sends must really be buffered),
     * in a buffer attached with {@code Pack_size + BSEND_OVERHEAD} per message, as MPJ Express's tests size it.
     */
    private static void buffered()
    {
        final int n = 100_000;
        final int peer = rank ^ 1;
        if (peer >= size)
        {
            return;
        }
        MPI.Buffer_attach(ByteBuffer.allocateDirect(world.Pack_size(n, MPI.INT) + MPI.BSEND_OVERHEAD));
        final int[] out = new int[n];
        Arrays.fill(out, rank);
        world.Bsend(out, 0, n, MPI.INT, peer, 90);
        Arrays.fill(out, -1);
        final int[] in = new int[n];
        world.Recv(in, 0, n, MPI.INT, peer, 90);
        MPI.Buffer_detach();
        for (int i = 0; i < n; i++)
        {
            expect(in[i] == peer, "buffered send from " + peer + " wrong at " + i + ": " + in[i]);
        }
    }

    /**
     * MPI.Finalize then MPI.Init again (MPJ Express's test suite runs its programs so, one JVM per rank): the new
     * world works, and a message the old session never received does not reach it.
     */
    private static void reinit(final String[] args)
    {
        world.Send(new int[] {-1}, 0, 1, MPI.INT, (rank + 1) % size, 91);
        MPI.Finalize();
        expect(MPI.Finalized() && !MPI.Initialized(), "Finalized/Initialized after Finalize");
        if (MPI.Init_thread(args, MPI.THREAD_MULTIPLE) != MPI.THREAD_MULTIPLE)
        {
            throw new AssertionError("THREAD_MULTIPLE not provided again");
        }
        expect(!MPI.Finalized() && MPI.Initialized(), "Finalized/Initialized after the second Init");
        world = MPI.COMM_WORLD;
        expect(world.Rank() == rank && world.Size() == size, "the second world differs");
        final int[] in = new int[1];
        world.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, (rank + 1) % size, 91, in, 0, 1, MPI.INT,
            (rank + size - 1) % size, 91);
        expect(in[0] == (rank + size - 1) % size, "after re-Init, Sendrecv got " + in[0]);
    }

    /** 16 MiB messages from rank 0 to every rank, content checked. */
    private static void large()
    {
        final int n = 16 << 20;
        final byte[] buf = new byte[n];
        if (rank == 0)
        {
            for (int i = 0; i < n; i++)
            {
                buf[i] = (byte)(i ^ (i >>> 8));
            }
            for (int peer = 1; peer < size; peer++)
            {
                world.Send(buf, 0, n, MPI.BYTE, peer, 70);
            }
        }
        else
        {
            world.Recv(buf, 0, n, MPI.BYTE, 0, 70);
            for (int i = 0; i < n; i++)
            {
                if (buf[i] != (byte)(i ^ (i >>> 8)))
                {
                    throw new AssertionError("rank " + rank + ": 16 MiB message wrong at byte " + i);
                }
            }
        }
    }

    /** A too-small receive fails with ERR_TRUNCATE (raised under ERRORS_RETURN; the default would end the job). */
    private static void truncation()
    {
        world.Errhandler_set(MPI.ERRORS_RETURN);
        if (rank == 1)
        {
            world.Send(new int[100], 0, 100, MPI.INT, 0, 80);
            world.Send(new int[100_000], 0, 100_000, MPI.INT, 0, 81);
        }
        else if (rank == 0)
        {
            for (final int tag : new int[] {80, 81})
            {
                try
                {
                    world.Recv(new int[10], 0, 10, MPI.INT, 1, tag);
                    throw new AssertionError("truncated receive with tag " + tag + " did not fail");
                }
                catch (final MPIException e)
                {
                    expect(e.getErrorClass() == MPI.ERR_TRUNCATE, "error class " + e.getErrorClass());
                }
            }
        }
        world.Errhandler_set(MPI.ERRORS_ARE_FATAL);
    }

    private static void types()
    {
        if (rank > 1)
        {
            return;
        }
        final int peer = 1 - rank;
        final Datatype[] types = {MPI.CHAR, MPI.SHORT, MPI.BOOLEAN, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE,
            MPI.INT2};
        final Object[] outs = {new char[] {'a', 'b', 'c', 'd'}, new short[] {1, 2, 3, 4},
            new boolean[] {true, false, true, true}, new int[] {1, 2, 3, 4}, new long[] {1, 2, 3, 4},
            new float[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4}, new int[] {1, 2, 3, 4}};
        final Object[] ins = {new char[4], new short[4], new boolean[4], new int[4], new long[4], new float[4],
            new double[4], new int[4]};
        for (int i = 0; i < types.length; i++)
        {
            final int count = types[i] == MPI.INT2 ? 2 : 4;
            world.Sendrecv(outs[i], 0, count, types[i], peer, 90 + i, ins[i], 0, count, types[i], peer, 90 + i);
            expect(java.util.Objects.deepEquals(outs[i], ins[i]), "type " + i + " round trip");
        }
    }

    /** THREAD_MULTIPLE: four threads per rank exchange with the partner rank at once, each on its own tag. */
    private static void threads()
    {
        if (rank > 1)
        {
            return;
        }
        final int peer = 1 - rank;
        final int messages = 5000;
        final Thread[] threads = new Thread[4];
        final Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads.length; t++)
        {
            final int tag = 200 + t;
            threads[t] = new Thread(() ->
            {
                try
                {
                    final int[] in = new int[1];
                    for (int i = 0; i < messages; i++)
                    {
                        final Request recv = world.Irecv(in, 0, 1, MPI.INT, peer, tag);
                        world.Send(new int[] {i}, 0, 1, MPI.INT, peer, tag);
                        recv.Wait();
                        expect(in[0] == i, "thread tag " + tag + " message " + i + " got " + in[0]);
                    }
                }
                catch (final Throwable e)
                {
                    synchronized (failure)
                    {
                        failure[0] = e;
                    }
                }
            });
            threads[t].start();
        }
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(60_000);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            expect(!thread.isAlive(), "a sending thread did not finish within 60 s");
        }
        if (failure[0] != null)
        {
            throw new AssertionError("rank " + rank + " thread failed", failure[0]);
        }
    }
}
