package xen2mx.itest;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongBinaryOperator;

import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Op;
import mpi.User_function;

/**
 * Every collective operation of mpiJava 1.2 checked across real rank processes against results each rank computes
 * on its own: every primitive type, offsets and guard elements around the data, short and long messages (so every
 * algorithm the selector picks runs), roots at both ends, OBJECT, MAXLOC/MINLOC ties, user operations commutative
 * and not (2x2 matrix products). A wrong result throws, so the rank exits non-zero and {@code mpirun} fails the
 * job. Run: {@code mpirun -np N CollectiveChecks [check...]}.
 */
public final class CollectiveChecks
{
    private static final Datatype[] TYPES = {MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.BOOLEAN, MPI.INT, MPI.LONG,
        MPI.FLOAT, MPI.DOUBLE};
    private static final Datatype[] LONG_MESSAGE_TYPES = {MPI.BYTE, MPI.INT, MPI.DOUBLE};
    private static final int[] SHORT_COUNTS = {0, 1, 7};
    /** Reductions run for every operation on every type: two counts keep the job short on small hosts. */
    private static final int[] REDUCTION_COUNTS = {0, 7};
    /** 40,000 elements: 160 KB of INT, beyond every short-message threshold of the selector. */
    private static final int[] LONG_COUNTS = {40_000};
    private static final int OFF = 2;

    private static Intracomm world;
    private static int rank;
    private static int size;

    private CollectiveChecks()
    {
    }

    public static void main(final String[] args)
    {
        MPI.Init(args);
        world = MPI.COMM_WORLD;
        rank = world.Rank();
        size = world.Size();
        final List<String> checks = args.length > 0 ? Arrays.asList(args)
            : List.of("barrier", "bcast", "gather", "scatter", "gatherv", "scatterv", "allgather", "allgatherv",
            "alltoall", "alltoallv", "reduce", "allreduce", "reduce_scatter", "scan", "loc", "userops", "objects",
            "long", "errors");
        for (final String check : checks)
        {
            world.Barrier();
            switch (check)
            {
                case "barrier" -> barrier();
                case "bcast" -> forTypes(TYPES, SHORT_COUNTS, CollectiveChecks::bcast);
                case "gather" -> forTypes(TYPES, SHORT_COUNTS, CollectiveChecks::gather);
                case "scatter" -> forTypes(TYPES, SHORT_COUNTS, CollectiveChecks::scatter);
                case "gatherv" -> forTypes(TYPES, SHORT_COUNTS, CollectiveChecks::gatherv);
                case "scatterv" -> forTypes(TYPES, SHORT_COUNTS, CollectiveChecks::scatterv);
                case "allgather" -> forTypes(TYPES, SHORT_COUNTS, CollectiveChecks::allgather);
                case "allgatherv" -> forTypes(TYPES, SHORT_COUNTS, CollectiveChecks::allgatherv);
                case "alltoall" -> forTypes(TYPES, SHORT_COUNTS, CollectiveChecks::alltoall);
                case "alltoallv" -> forTypes(TYPES, SHORT_COUNTS, CollectiveChecks::alltoallv);
                case "reduce" -> forTypes(TYPES, REDUCTION_COUNTS, CollectiveChecks::reduce);
                case "allreduce" -> forTypes(TYPES, REDUCTION_COUNTS, CollectiveChecks::allreduce);
                case "reduce_scatter" -> forTypes(TYPES, REDUCTION_COUNTS, CollectiveChecks::reduceScatter);
                case "scan" -> forTypes(TYPES, REDUCTION_COUNTS, CollectiveChecks::scan);
                case "loc" -> loc();
                case "userops" -> userOps();
                case "objects" -> objects();
                case "long" -> longMessages();
                case "errors" -> errors();
                default -> throw new IllegalArgumentException("unknown check " + check);
            }
            if (rank == 0)
            {
                System.out.println("check " + check + " passed on " + size + " ranks");
            }
        }
        MPI.Finalize();
    }

    // ---------------------------------------------------------------- values and buffers

    private interface TypedCheck
    {
        void run(Datatype type, int count);
    }

    private static void forTypes(final Datatype[] types, final int[] counts, final TypedCheck check)
    {
        for (final Datatype type : types)
        {
            for (final int count : counts)
            {
                check.run(type, count);
            }
        }
    }

    /** A small positive value (1..5), so that sums and products are exact in every type. */
    private static long value(final int who, final int i)
    {
        return (who * 31L + i * 7L) % 5 + 1;
    }

    private static long[] values(final int who, final int count)
    {
        final long[] v = new long[count];
        for (int i = 0; i < count; i++)
        {
            v[i] = value(who, i);
        }
        return v;
    }

    /** @return {@code count} zeros with {@code OFF} zeros either side */
    private static long[] guarded(final int count)
    {
        return new long[count + 2 * OFF];
    }

    private static long[] with(final long[] into, final int at, final long[] values)
    {
        System.arraycopy(values, 0, into, at, values.length);
        return into;
    }

    /** @return a Java array of {@code type}'s element type holding {@code values} (BOOLEAN: odd is true) */
    private static Object array(final Datatype type, final long[] values)
    {
        final Object a = newArray(type, values.length);
        for (int i = 0; i < values.length; i++)
        {
            final long v = values[i];
            switch (type.getType())
            {
                case 1 -> Array.setByte(a, i, (byte)v);
                case 2 -> Array.setChar(a, i, (char)v);
                case 3 -> Array.setShort(a, i, (short)v);
                case 4 -> Array.setBoolean(a, i, (v & 1) != 0);
                case 5 -> Array.setInt(a, i, (int)v);
                case 6 -> Array.setLong(a, i, v);
                case 7 -> Array.setFloat(a, i, v);
                case 8 -> Array.setDouble(a, i, v);
                default -> throw new IllegalArgumentException("type " + type);
            }
        }
        return a;
    }

    private static Object newArray(final Datatype type, final int length)
    {
        final Class<?>[] classes = {null, byte.class, char.class, short.class, boolean.class, int.class, long.class,
            float.class, double.class};
        return Array.newInstance(classes[type.getType()], length);
    }

    private static long[] longs(final Object array)
    {
        final long[] v = new long[Array.getLength(array)];
        for (int i = 0; i < v.length; i++)
        {
            final Object e = Array.get(array, i);
            v[i] = e instanceof Boolean b ? (b ? 1 : 0) : e instanceof Character c ? c : ((Number)e).longValue();
        }
        return v;
    }

    /** Checks {@code actual} against {@code expected} as the type holds it. */
    private static void expect(final Datatype type, final long[] expected, final Object actual, final String what)
    {
        final long[] want = longs(array(type, expected));
        final long[] got = longs(actual);
        if (!Arrays.equals(want, got))
        {
            throw new AssertionError("rank " + rank + " of " + size + ": " + what + " " + type + "\n expected "
                + abbreviate(want) + "\n      got " + abbreviate(got));
        }
    }

    private static void expect(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new AssertionError("rank " + rank + " of " + size + ": " + what);
        }
    }

    private static String abbreviate(final long[] v)
    {
        final String s = Arrays.toString(v);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static int[] roots()
    {
        return size == 1 ? new int[] {0} : new int[] {0, size - 1};
    }

    // ---------------------------------------------------------------- data movement

    private static void barrier()
    {
        for (int i = 0; i < 20; i++)
        {
            world.Barrier();
        }
    }

    private static void bcast(final Datatype type, final int count)
    {
        for (final int root : roots())
        {
            final long[] root0 = with(guarded(count), OFF, values(root, count));
            final Object buf = array(type, rank == root ? root0 : guarded(count));
            world.Bcast(buf, OFF, count, type, root);
            expect(type, root0, buf, "Bcast count " + count + " root " + root);
        }
    }

    /** @return every rank's {@code count} values, rank by rank, within guards */
    private static long[] allBlocks(final int count)
    {
        final long[] all = guarded(size * count);
        for (int r = 0; r < size; r++)
        {
            with(all, OFF + r * count, values(r, count));
        }
        return all;
    }

    private static void gather(final Datatype type, final int count)
    {
        for (final int root : roots())
        {
            final Object recv = rank == root ? array(type, guarded(size * count)) : null;
            world.Gather(array(type, with(guarded(count), OFF, values(rank, count))), OFF, count, type, recv, OFF,
                count, type, root);
            if (rank == root)
            {
                expect(type, allBlocks(count), recv, "Gather count " + count + " root " + root);
            }
        }
    }

    private static void scatter(final Datatype type, final int count)
    {
        for (final int root : roots())
        {
            final Object send = rank == root ? array(type, allBlocks(count)) : null;
            final Object recv = array(type, guarded(count));
            world.Scatter(send, OFF, count, type, recv, OFF, count, type, root);
            expect(type, with(guarded(count), OFF, values(rank, count)), recv, "Scatter count " + count + " root "
                + root);
        }
    }

    private static void allgather(final Datatype type, final int count)
    {
        final Object recv = array(type, guarded(size * count));
        world.Allgather(array(type, with(guarded(count), OFF, values(rank, count))), OFF, count, type, recv, OFF,
            count, type);
        expect(type, allBlocks(count), recv, "Allgather count " + count);
    }

    /** Rank r's block: {@code (r % 3) * count / 2 + r % 2} elements, blocks stored in reverse rank order, gaps of 1. */
    private static final class VLayout
    {
        final int[] counts = new int[size];
        final int[] displs = new int[size];
        final int length;

        VLayout(final int count)
        {
            int next = 0;
            for (int r = size - 1; r >= 0; r--)
            {
                counts[r] = r % 3 * count / 2 + r % 2;
                displs[r] = next;
                next += counts[r] + 1;
            }
            length = next;
        }

        long[] filled()
        {
            final long[] all = guarded(length);
            for (int r = 0; r < size; r++)
            {
                with(all, OFF + displs[r], values(r, counts[r]));
            }
            return all;
        }
    }

    private static void gatherv(final Datatype type, final int count)
    {
        final VLayout v = new VLayout(count);
        for (final int root : roots())
        {
            final Object recv = rank == root ? array(type, guarded(v.length)) : null;
            world.Gatherv(array(type, with(guarded(v.counts[rank]), OFF, values(rank, v.counts[rank]))), OFF,
                v.counts[rank], type, recv, OFF, v.counts, v.displs, type, root);
            if (rank == root)
            {
                expect(type, v.filled(), recv, "Gatherv count " + count + " root " + root);
            }
        }
    }

    private static void scatterv(final Datatype type, final int count)
    {
        final VLayout v = new VLayout(count);
        for (final int root : roots())
        {
            final Object send = rank == root ? array(type, v.filled()) : null;
            final Object recv = array(type, guarded(v.counts[rank]));
            world.Scatterv(send, OFF, v.counts, v.displs, type, recv, OFF, v.counts[rank], type, root);
            expect(type, with(guarded(v.counts[rank]), OFF, values(rank, v.counts[rank])), recv, "Scatterv count "
                + count + " root " + root);
        }
    }

    private static void allgatherv(final Datatype type, final int count)
    {
        final VLayout v = new VLayout(count);
        final Object recv = array(type, guarded(v.length));
        world.Allgatherv(array(type, with(guarded(v.counts[rank]), OFF, values(rank, v.counts[rank]))), OFF,
            v.counts[rank], type, recv, OFF, v.counts, v.displs, type);
        expect(type, v.filled(), recv, "Allgatherv count " + count);
    }

    /** What rank {@code from} sends rank {@code to} in the all-to-all checks. */
    private static long[] pair(final int from, final int to, final int count)
    {
        return values(from * 64 + to, count);
    }

    private static void alltoall(final Datatype type, final int count)
    {
        final long[] send = guarded(size * count);
        final long[] expected = guarded(size * count);
        for (int r = 0; r < size; r++)
        {
            with(send, OFF + r * count, pair(rank, r, count));
            with(expected, OFF + r * count, pair(r, rank, count));
        }
        final Object recv = array(type, guarded(size * count));
        world.Alltoall(array(type, send), OFF, count, type, recv, OFF, count, type);
        expect(type, expected, recv, "Alltoall count " + count);
    }

    private static void alltoallv(final Datatype type, final int count)
    {
        final int[] scounts = new int[size];
        final int[] sdispls = new int[size];
        final int[] rcounts = new int[size];
        final int[] rdispls = new int[size];
        int sNext = 0;
        int rNext = 0;
        for (int r = 0; r < size; r++)
        {
            scounts[r] = (rank + r) % 3 * count / 2;
            rcounts[r] = (r + rank) % 3 * count / 2;
            sdispls[r] = sNext + 1;
            rdispls[r] = rNext;
            sNext = sdispls[r] + scounts[r];
            rNext = rdispls[r] + rcounts[r] + 2;
        }
        final long[] send = guarded(sNext);
        final long[] expected = guarded(rNext);
        for (int r = 0; r < size; r++)
        {
            with(send, OFF + sdispls[r], pair(rank, r, scounts[r]));
            with(expected, OFF + rdispls[r], pair(r, rank, rcounts[r]));
        }
        final Object recv = array(type, guarded(rNext));
        world.Alltoallv(array(type, send), OFF, scounts, sdispls, type, recv, OFF, rcounts, rdispls, type);
        expect(type, expected, recv, "Alltoallv count " + count);
    }

    // ---------------------------------------------------------------- reductions with predefined ops

    private record Reduction(Op op, String name, LongBinaryOperator f)
    {
    }

    private static long truth(final boolean b)
    {
        return b ? 1 : 0;
    }

    /** @return the predefined operations MPI defines on {@code type}, with a reference in long arithmetic */
    private static List<Reduction> reductionsOn(final Datatype type)
    {
        final List<Reduction> arithmetic = List.of(new Reduction(MPI.SUM, "SUM", Long::sum),
            new Reduction(MPI.PROD, "PROD", (a, b) -> a * b), new Reduction(MPI.MAX, "MAX", Math::max),
            new Reduction(MPI.MIN, "MIN", Math::min));
        final List<Reduction> logical = List.of(
            new Reduction(MPI.LAND, "LAND", (a, b) -> truth(a != 0 && b != 0)),
            new Reduction(MPI.LOR, "LOR", (a, b) -> truth(a != 0 || b != 0)),
            new Reduction(MPI.LXOR, "LXOR", (a, b) -> truth(a != 0 ^ b != 0)),
            new Reduction(MPI.BAND, "BAND", (a, b) -> a & b), new Reduction(MPI.BOR, "BOR", (a, b) -> a | b),
            new Reduction(MPI.BXOR, "BXOR", (a, b) -> a ^ b));
        if (type == MPI.BOOLEAN)
        {
            return logical;
        }
        if (type == MPI.FLOAT || type == MPI.DOUBLE)
        {
            return arithmetic;
        }
        final List<Reduction> all = new java.util.ArrayList<>(arithmetic);
        all.addAll(logical);
        return all;
    }

    /** @return the values ranks 0..last contribute, as the type holds them */
    private static long[] held(final Datatype type, final int who, final int count)
    {
        return longs(array(type, values(who, count)));
    }

    /** @return the reduction of ranks {@code 0..last}, combined in rank order */
    private static long[] reference(final Datatype type, final Reduction r, final int last, final int count)
    {
        final long[] acc = held(type, 0, count);
        for (int who = 1; who <= last; who++)
        {
            final long[] next = held(type, who, count);
            for (int i = 0; i < count; i++)
            {
                acc[i] = r.f().applyAsLong(acc[i], next[i]);
            }
        }
        return acc;
    }

    private static Object sendBuffer(final Datatype type, final int count)
    {
        return array(type, with(guarded(count), OFF, values(rank, count)));
    }

    private static void reduce(final Datatype type, final int count)
    {
        for (final Reduction r : reductionsOn(type))
        {
            for (final int root : roots())
            {
                final Object recv = rank == root ? array(type, guarded(count)) : null;
                world.Reduce(sendBuffer(type, count), OFF, recv, OFF, count, type, r.op(), root);
                if (rank == root)
                {
                    expect(type, with(guarded(count), OFF, reference(type, r, size - 1, count)), recv, "Reduce "
                        + r.name() + " count " + count + " root " + root);
                }
            }
        }
    }

    private static void allreduce(final Datatype type, final int count)
    {
        for (final Reduction r : reductionsOn(type))
        {
            final Object recv = array(type, guarded(count));
            world.Allreduce(sendBuffer(type, count), OFF, recv, OFF, count, type, r.op());
            expect(type, with(guarded(count), OFF, reference(type, r, size - 1, count)), recv, "Allreduce "
                + r.name() + " count " + count);
        }
    }

    private static void scan(final Datatype type, final int count)
    {
        for (final Reduction r : reductionsOn(type))
        {
            final Object recv = array(type, guarded(count));
            world.Scan(sendBuffer(type, count), OFF, recv, OFF, count, type, r.op());
            expect(type, with(guarded(count), OFF, reference(type, r, rank, count)), recv, "Scan " + r.name()
                + " count " + count);
        }
    }

    private static void reduceScatter(final Datatype type, final int count)
    {
        final int[] counts = new int[size];
        int total = 0;
        int start = 0;
        for (int r = 0; r < size; r++)
        {
            counts[r] = (r + 1) % 3 * count / 2 + r % 2;
            start += r < rank ? counts[r] : 0;
            total += counts[r];
        }
        for (final Reduction r : reductionsOn(type))
        {
            final Object recv = array(type, guarded(counts[rank]));
            world.Reduce_scatter(sendBuffer(type, total), OFF, recv, OFF, counts, type, r.op());
            final long[] all = reference(type, r, size - 1, total);
            expect(type, with(guarded(counts[rank]), OFF, Arrays.copyOfRange(all, start, start + counts[rank])),
                recv, "Reduce_scatter " + r.name() + " count " + count);
        }
    }

    // ---------------------------------------------------------------- MAXLOC / MINLOC

    /** Values with many ties between ranks; the index of each pair is the rank. */
    private static void loc()
    {
        final Datatype[] pairs = {MPI.SHORT2, MPI.INT2, MPI.LONG2, MPI.FLOAT2, MPI.DOUBLE2};
        final Datatype[] elements = {MPI.SHORT, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE};
        final int count = 9;
        for (int t = 0; t < pairs.length; t++)
        {
            final long[] mine = guarded(2 * count);
            final long[] max = guarded(2 * count);
            final long[] min = guarded(2 * count);
            for (int i = 0; i < count; i++)
            {
                mine[OFF + 2 * i] = value(rank, i) % 3;
                mine[OFF + 2 * i + 1] = rank;
                max[OFF + 2 * i] = Long.MIN_VALUE;
                min[OFF + 2 * i] = Long.MAX_VALUE;
                for (int r = 0; r < size; r++)
                {
                    final long v = value(r, i) % 3;
                    if (v > max[OFF + 2 * i])
                    {
                        max[OFF + 2 * i] = v;
                        max[OFF + 2 * i + 1] = r;
                    }
                    if (v < min[OFF + 2 * i])
                    {
                        min[OFF + 2 * i] = v;
                        min[OFF + 2 * i + 1] = r;
                    }
                }
            }
            final Object recvMax = array(elements[t], guarded(2 * count));
            world.Allreduce(array(elements[t], mine), OFF, recvMax, OFF, count, pairs[t], MPI.MAXLOC);
            expect(elements[t], max, recvMax, "Allreduce MAXLOC over " + pairs[t].Size() + " x");
            final Object recvMin = array(elements[t], guarded(2 * count));
            world.Reduce(array(elements[t], mine), OFF, recvMin, OFF, count, pairs[t], MPI.MINLOC, size - 1);
            if (rank == size - 1)
            {
                expect(elements[t], min, recvMin, "Reduce MINLOC over " + pairs[t].Size() + " x");
            }
        }
    }

    // ---------------------------------------------------------------- user operations

    /** Products of 2x2 int matrices, row-major in items of {@code Contiguous(4, INT)}: not commutative. */
    private static final User_function MATRIX_PRODUCT = new User_function()
    {
        @Override
        public void Call(final Object invec, final int inoffset, final Object inoutvec, final int inoutoffset,
            final int count, final Datatype datatype)
        {
            final int[] a = (int[])invec;
            final int[] b = (int[])inoutvec;
            for (int k = 0; k < count; k++)
            {
                final int x = inoffset + 4 * k;
                final int y = inoutoffset + 4 * k;
                final int p = a[x] * b[y] + a[x + 1] * b[y + 2];
                final int q = a[x] * b[y + 1] + a[x + 1] * b[y + 3];
                final int r = a[x + 2] * b[y] + a[x + 3] * b[y + 2];
                final int s = a[x + 2] * b[y + 1] + a[x + 3] * b[y + 3];
                b[y] = p;
                b[y + 1] = q;
                b[y + 2] = r;
                b[y + 3] = s;
            }
        }
    };

    /** A commutative user operation: the sum of longs. */
    private static final User_function LONG_SUM = new User_function()
    {
        @Override
        public void Call(final Object invec, final int inoffset, final Object inoutvec, final int inoutoffset,
            final int count, final Datatype datatype)
        {
            for (int k = 0; k < count * datatype.Size(); k++)
            {
                ((long[])inoutvec)[inoutoffset + k] += ((long[])invec)[inoffset + k];
            }
        }
    };

    /** Rank {@code who}'s matrix number {@code i}: {@code [[w+1, i+1], [1, w]]}, which do not commute. */
    private static int[] matrices(final int who, final int count)
    {
        final int[] m = new int[4 * count];
        for (int i = 0; i < count; i++)
        {
            m[4 * i] = who + 1;
            m[4 * i + 1] = i + 1;
            m[4 * i + 2] = 1;
            m[4 * i + 3] = who;
        }
        return m;
    }

    /** @return the products {@code M(first) * ... * M(last)} */
    private static int[] product(final int first, final int last, final int count)
    {
        final int[] acc = matrices(last, count);
        for (int who = last - 1; who >= first; who--)
        {
            MATRIX_PRODUCT.Call(matrices(who, count), 0, acc, 0, count, null);
        }
        return acc;
    }

    private static void expectInts(final int[] expected, final int[] actual, final int at, final String what)
    {
        expect(Arrays.equals(expected, Arrays.copyOfRange(actual, at, at + expected.length)), what + ": expected "
            + Arrays.toString(expected) + " got " + Arrays.toString(actual));
    }

    private static void userOps()
    {
        final Datatype matrix = Datatype.Contiguous(4, MPI.INT);
        final Op product = new Op(MATRIX_PRODUCT, false);
        for (final int count : new int[] {1, 3, 1000})
        {
            final int[] send = new int[4 * count + OFF];
            System.arraycopy(matrices(rank, count), 0, send, OFF, 4 * count);
            for (final int root : roots())
            {
                final int[] recv = new int[4 * count + 1];
                world.Reduce(send, OFF, recv, 1, count, matrix, product, root);
                if (rank == root)
                {
                    expectInts(product(0, size - 1, count), recv, 1, "Reduce matrix product root " + root);
                }
            }
            final int[] all = new int[4 * count];
            world.Allreduce(send, OFF, all, 0, count, matrix, product);
            expectInts(product(0, size - 1, count), all, 0, "Allreduce matrix product");
            final int[] prefix = new int[4 * count];
            world.Scan(send, OFF, prefix, 0, count, matrix, product);
            expectInts(product(0, rank, count), prefix, 0, "Scan matrix product");
        }
        final int[] counts = new int[size];
        int total = 0;
        for (int r = 0; r < size; r++)
        {
            counts[r] = r % 2 + 1;
            total += counts[r];
        }
        final int[] blocks = new int[4 * counts[rank]];
        world.Reduce_scatter(matrices(rank, total), 0, blocks, 0, counts, matrix, product);
        int start = 0;
        for (int r = 0; r < rank; r++)
        {
            start += 4 * counts[r];
        }
        expectInts(Arrays.copyOfRange(product(0, size - 1, total), start, start + blocks.length), blocks, 0,
            "Reduce_scatter matrix product");
        final long[] sum = new long[4];
        world.Allreduce(new long[] {rank, 1, 2 * rank, 3}, 0, sum, 0, 2, MPI.LONG2, new Op(LONG_SUM, true));
        final long triangle = (long)size * (size - 1) / 2;
        expect(Arrays.equals(sum, new long[] {triangle, size, 2 * triangle, 3L * size}), "user sum "
            + Arrays.toString(sum));
    }

    // ---------------------------------------------------------------- objects

    private static void objects()
    {
        final Object[] mine = {"rank " + rank, List.of(rank, rank * rank), new StringBuilder("sb" + rank)};
        final Object[] everyone = new Object[3 * size + 1];
        world.Allgather(mine, 0, 3, MPI.OBJECT, everyone, 1, 3, MPI.OBJECT);
        for (int r = 0; r < size; r++)
        {
            expect(("rank " + r).equals(everyone[1 + 3 * r]) && List.of(r, r * r).equals(everyone[2 + 3 * r])
                && ("sb" + r).equals(everyone[3 + 3 * r].toString()), "Allgather OBJECT " + Arrays.toString(everyone));
        }
        for (final int root : roots())
        {
            final Object[] bcast = rank == root ? new Object[] {null, "from " + root, 42} : new Object[3];
            world.Bcast(bcast, 1, 2, MPI.OBJECT, root);
            expect(("from " + root).equals(bcast[1]) && Integer.valueOf(42).equals(bcast[2]), "Bcast OBJECT");
            final Object[] gathered = rank == root ? new Object[3 * size] : null;
            world.Gather(mine, 0, 3, MPI.OBJECT, gathered, 0, 3, MPI.OBJECT, root);
            if (rank == root)
            {
                for (int r = 0; r < size; r++)
                {
                    expect(("rank " + r).equals(gathered[3 * r]) && List.of(r, r * r).equals(gathered[3 * r + 1]),
                        "Gather OBJECT " + Arrays.toString(gathered));
                }
            }
            final Object[] piece = new Object[3];
            world.Scatter(rank == root ? everyone : null, 1, 3, MPI.OBJECT, piece, 0, 3, MPI.OBJECT, root);
            expect(("rank " + rank).equals(piece[0]) && List.of(rank, rank * rank).equals(piece[1])
                && ("sb" + rank).equals(piece[2].toString()), "Scatter OBJECT " + Arrays.toString(piece));
        }
        final Object[] toEach = new Object[size];
        for (int r = 0; r < size; r++)
        {
            toEach[r] = rank + "->" + r;
        }
        final Object[] fromEach = new Object[size];
        world.Alltoall(toEach, 0, 1, MPI.OBJECT, fromEach, 0, 1, MPI.OBJECT);
        for (int r = 0; r < size; r++)
        {
            expect((r + "->" + rank).equals(fromEach[r]), "Alltoall OBJECT " + Arrays.toString(fromEach));
        }
        final Op concat = new Op(new User_function()
        {
            @Override
            public void Call(final Object invec, final int inoffset, final Object inoutvec, final int inoutoffset,
                final int count, final Datatype datatype)
            {
                for (int i = 0; i < count; i++)
                {
                    ((Object[])inoutvec)[inoutoffset + i] = "" + ((Object[])invec)[inoffset + i]
                        + ((Object[])inoutvec)[inoutoffset + i];
                }
            }
        }, false);
        final Object[] letters = new Object[1];
        world.Allreduce(new Object[] {String.valueOf((char)('a' + rank))}, 0, letters, 0, 1, MPI.OBJECT, concat);
        final StringBuilder alphabet = new StringBuilder();
        for (int r = 0; r < size; r++)
        {
            alphabet.append((char)('a' + r));
        }
        expect(alphabet.toString().equals(letters[0]), "Allreduce OBJECT concat " + letters[0]);
        final Object[] prefix = new Object[1];
        world.Scan(new Object[] {String.valueOf((char)('a' + rank))}, 0, prefix, 0, 1, MPI.OBJECT, concat);
        expect(alphabet.substring(0, rank + 1).equals(prefix[0]), "Scan OBJECT concat " + prefix[0]);
        objectsUpdatedInPlace();
    }

    /** A mutable complex number, as in mpiJava's object reduction tests. */
    static final class Complex implements java.io.Serializable
    {
        private static final long serialVersionUID = 1L;
        float re;
        float im;

        Complex(final float re, final float im)
        {
            this.re = re;
            this.im = im;
        }
    }

    /** Complex addition that updates the {@code inoutvec} objects in place, as mpiJava's tests write it. */
    private static final User_function COMPLEX_ADD_IN_PLACE = new User_function()
    {
        @Override
        public void Call(final Object invec, final int inoffset, final Object inoutvec, final int inoutoffset,
            final int count, final Datatype datatype)
        {
            for (int i = 0; i < count; i++)
            {
                final Complex into = (Complex)((Object[])inoutvec)[inoutoffset + i];
                final Complex from = (Complex)((Object[])invec)[inoffset + i];
                into.re += from.re;
                into.im += from.im;
            }
        }
    };

    /** In-place complex addition declared commutative, and declared not (as mpiJava's tests do). */
    private static final Op[] COMPLEX_ADDS = {new Op(COMPLEX_ADD_IN_PLACE, true), new Op(COMPLEX_ADD_IN_PLACE, false)};

    /** In-place user operations on objects give the right sums and leave the send buffer's objects as they were. */
    private static void objectsUpdatedInPlace()
    {
        final int perRank = 3;
        final float rankSum = size * (size - 1) / 2f;
        for (final Op add : COMPLEX_ADDS)
        {
            final Object[] send = new Object[perRank * size];
            for (int i = 0; i < send.length; i++)
            {
                send[i] = new Complex(i, rank);
            }
            final Object[] all = new Object[send.length];
            world.Allreduce(send, 0, all, 0, send.length, MPI.OBJECT, add);
            final Object[] prefix = new Object[send.length];
            world.Scan(send, 0, prefix, 0, send.length, MPI.OBJECT, add);
            final Object[] mine = new Object[perRank];
            final int[] counts = new int[size];
            Arrays.fill(counts, perRank);
            world.Reduce_scatter(send, 0, mine, 0, counts, MPI.OBJECT, add);
            for (int i = 0; i < send.length; i++)
            {
                final Complex c = (Complex)all[i];
                expect(c.re == (float)i * size && c.im == rankSum, "Allreduce in-place complex " + i + ": " + c.re);
                final Complex p = (Complex)prefix[i];
                expect(p.re == (float)i * (rank + 1) && p.im == rank * (rank + 1) / 2f, "Scan in-place complex " + i
                    + ": " + p.re + "," + p.im);
                final Complex s = (Complex)send[i];
                expect(s.re == i && s.im == rank, "send object " + i + " changed to " + s.re + "," + s.im);
            }
            for (int k = 0; k < perRank; k++)
            {
                final Complex c = (Complex)mine[k];
                expect(c.re == (float)(rank * perRank + k) * size && c.im == rankSum,
                    "Reduce_scatter in-place complex");
            }
        }
    }

    // ---------------------------------------------------------------- long messages

    /** Long messages take the other branch of every size-dependent choice (van de Geijn, ring, linear). */
    private static void longMessages()
    {
        forTypes(LONG_MESSAGE_TYPES, LONG_COUNTS, CollectiveChecks::bcast);
        forTypes(LONG_MESSAGE_TYPES, LONG_COUNTS, CollectiveChecks::gather);
        forTypes(LONG_MESSAGE_TYPES, LONG_COUNTS, CollectiveChecks::scatter);
        forTypes(LONG_MESSAGE_TYPES, LONG_COUNTS, CollectiveChecks::allgather);
        forTypes(LONG_MESSAGE_TYPES, LONG_COUNTS, CollectiveChecks::alltoall);
        forTypes(LONG_MESSAGE_TYPES, LONG_COUNTS, CollectiveChecks::allgatherv);
        final Datatype[] numeric = {MPI.INT, MPI.DOUBLE};
        for (final Datatype type : numeric)
        {
            final int count = LONG_COUNTS[0];
            final Reduction sum = new Reduction(MPI.SUM, "SUM", Long::sum);
            final Object recv = array(type, guarded(count));
            world.Allreduce(sendBuffer(type, count), OFF, recv, OFF, count, type, MPI.SUM);
            expect(type, with(guarded(count), OFF, reference(type, sum, size - 1, count)), recv,
                "long Allreduce SUM");
            final Object reduced = rank == 0 ? array(type, guarded(count)) : null;
            world.Reduce(sendBuffer(type, count), OFF, reduced, OFF, count, type, MPI.MAX, 0);
            if (rank == 0)
            {
                expect(type, with(guarded(count), OFF, reference(type, new Reduction(MPI.MAX, "MAX", Math::max),
                    size - 1, count)), reduced, "long Reduce MAX");
            }
            reduceScatter(type, count);
        }
    }

    // ---------------------------------------------------------------- errors

    private static void expectRefused(final int errorClass, final Runnable call, final String what)
    {
        try
        {
            call.run();
        }
        catch (final MPIException e)
        {
            expect(e.getErrorClass() == errorClass, what + ": error class " + e.getErrorClass() + " " + e);
            return;
        }
        throw new AssertionError("rank " + rank + ": " + what + " was accepted");
    }

    /** Wrong arguments are refused on every rank before any message is sent, so the job goes on. */
    private static void errors()
    {
        final int[] buf = new int[4];
        expectRefused(MPI.ERR_ROOT, () -> world.Bcast(buf, 0, 1, MPI.INT, size), "Bcast root " + size);
        expectRefused(MPI.ERR_OP, () -> world.Allreduce(new float[1], 0, new float[1], 0, 1, MPI.FLOAT, MPI.BXOR),
            "BXOR on FLOAT");
        expectRefused(MPI.ERR_OP, () -> world.Reduce(new Object[1], 0, new Object[1], 0, 1, MPI.OBJECT, MPI.SUM, 0),
            "SUM on OBJECT");
        expectRefused(MPI.ERR_ARG, () -> world.Allgatherv(buf, 0, 1, MPI.INT, buf, 0, new int[0], new int[0],
            MPI.INT), "short recvcount");
        world.Barrier();
    }
}
