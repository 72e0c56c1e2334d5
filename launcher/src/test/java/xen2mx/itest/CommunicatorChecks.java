package xen2mx.itest;

import java.util.Arrays;
import java.util.List;

import mpi.CartParms;
import mpi.Cartcomm;
import mpi.Comm;
import mpi.Graphcomm;
import mpi.Group;
import mpi.Intercomm;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.ShiftParms;
import mpi.Status;

/**
 * Communicators, groups and topologies checked across real rank processes. Each check throws on a wrong result,
 * so the rank exits non-zero and {@code mpirun} fails the job. Run:
 * {@code mpirun -np N CommunicatorChecks [check...]} (any N >= 2); {@code recycle=COUNT} sets how many
 * communicators the recycling check creates and frees (default 20,000, more than the 16,384 context blocks).
 */
public final class CommunicatorChecks
{
    private static final List<String> ALL = List.of("split", "create", "dup", "recycle", "concurrent", "intercomm",
        "cart", "graph", "errors");

    private static Intracomm world;
    private static int rank;
    private static int size;
    private static int recycleCount = 20_000;

    private CommunicatorChecks()
    {
    }

    public static void main(final String[] args)
    {
        if (MPI.Init_thread(args, MPI.THREAD_MULTIPLE) != MPI.THREAD_MULTIPLE)
        {
            throw new AssertionError("THREAD_MULTIPLE not provided");
        }
        world = MPI.COMM_WORLD;
        rank = world.Rank();
        size = world.Size();
        final List<String> checks = args.length == 0 || args[0].startsWith("recycle=") ? ALL : Arrays.asList(args);
        for (final String arg : args)
        {
            if (arg.startsWith("recycle="))
            {
                recycleCount = Integer.parseInt(arg.substring("recycle=".length()));
            }
        }
        for (final String check : checks)
        {
            if (check.startsWith("recycle="))
            {
                continue;
            }
            world.Barrier();
            final long start = System.nanoTime();
            switch (check)
            {
                case "split" -> split();
                case "create" -> create();
                case "dup" -> dup();
                case "recycle" -> recycle();
                case "concurrent" -> concurrent();
                case "intercomm" -> intercomm();
                case "cart" -> cart();
                case "graph" -> graph();
                case "errors" -> errors();
                default -> throw new IllegalArgumentException("unknown check " + check);
            }
            world.Barrier();
            if (rank == 0)
            {
                System.out.println("check " + check + " passed on " + size + " ranks ("
                    + (System.nanoTime() - start) / 1_000_000 + " ms)");
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

    /**
     * @return every member's {@code value}, in rank order, gathered over {@code comm} with point-to-point only
     * (rank 0 collects, then sends the table to everyone).
     */
    private static int[] allgather(final Intracomm comm, final int value)
    {
        final int n = comm.Size();
        final int[] all = new int[n];
        if (comm.Rank() == 0)
        {
            all[0] = value;
            final int[] in = new int[1];
            for (int r = 1; r < n; r++)
            {
                comm.Recv(in, 0, 1, MPI.INT, r, 90);
                all[r] = in[0];
            }
            for (int r = 1; r < n; r++)
            {
                comm.Send(all, 0, n, MPI.INT, r, 91);
            }
        }
        else
        {
            comm.Send(new int[] {value}, 0, 1, MPI.INT, 0, 90);
            comm.Recv(all, 0, n, MPI.INT, 0, 91);
        }
        return all;
    }

    /** Three colours (and UNDEFINED for the last rank when size > 3), ranked by a key that reverses the order. */
    private static void split()
    {
        final int color = size > 3 && rank == size - 1 ? MPI.UNDEFINED : rank % 3;
        final int key = color == 1 ? 0 : -rank;
        final Intracomm part = world.Split(color, key);
        if (color == MPI.UNDEFINED)
        {
            expect(part == MPI.COMM_NULL && part.Is_null(), "UNDEFINED colour gives COMM_NULL");
            return;
        }
        final int[] expected = java.util.stream.IntStream.range(0, size)
            .filter(r -> r % 3 == color && !(size > 3 && r == size - 1)).boxed()
            .sorted((a, b) -> color == 1 ? Integer.compare(a, b) : Integer.compare(b, a))
            .mapToInt(Integer::intValue).toArray();
        expect(part.Size() == expected.length, "colour " + color + " size " + part.Size() + " expected "
            + Arrays.toString(expected));
        final int[] members = allgather(part, rank);
        expect(Arrays.equals(members, expected), "colour " + color + " members " + Arrays.toString(members)
            + " expected " + Arrays.toString(expected) + " (key order, ties in parent order)");
        expect(members[part.Rank()] == rank, "my rank in the split");
        final int[] worldRanks = Group.Translate_ranks(part.Group(), java.util.stream.IntStream.range(0, part.Size())
            .toArray(), world.Group());
        expect(Arrays.equals(worldRanks, expected), "Translate_ranks " + Arrays.toString(worldRanks));
        final Intracomm again = part.Split(0, rank);
        expect(Comm.Compare(again, part) == (part.Size() > 1 && color != 1 ? MPI.SIMILAR : MPI.CONGRUENT),
            "re-split by world rank compares " + Comm.Compare(again, part));
        again.Free();
        part.Free();
    }

    /** The even ranks form a communicator from a group; the odd ones get COMM_NULL. */
    private static void create()
    {
        final int[] evens = java.util.stream.IntStream.range(0, size).filter(r -> r % 2 == 0).toArray();
        final Group evenGroup = world.Group().Incl(evens);
        final Intracomm even = world.Create(evenGroup);
        if (rank % 2 == 1)
        {
            expect(even == MPI.COMM_NULL, "a non-member gets COMM_NULL");
            return;
        }
        expect(even.Rank() == rank / 2 && even.Size() == evens.length, "rank " + even.Rank() + " of " + even.Size());
        final int next = (even.Rank() + 1) % even.Size();
        final int previous = (even.Rank() + even.Size() - 1) % even.Size();
        final int[] in = new int[1];
        even.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, next, 3, in, 0, 1, MPI.INT, previous, 3);
        expect(in[0] == evens[previous], "ring over the created communicator got " + in[0]);
        expect(Group.Compare(even.Group(), evenGroup) == MPI.IDENT, "the group is the one given");
        even.Free();
    }

    /** A message on the duplicate never matches a receive on the parent, even with wildcards, and vice versa. */
    private static void dup()
    {
        final Intracomm copy = (Intracomm)world.clone();
        expect(Comm.Compare(copy, world) == MPI.CONGRUENT, "dup is congruent");
        final int next = (rank + 1) % size;
        final int previous = (rank + size - 1) % size;
        copy.Send(new int[] {1000 + rank}, 0, 1, MPI.INT, next, 5);
        world.Send(new int[] {rank}, 0, 1, MPI.INT, next, 5);
        final int[] in = new int[1];
        Status status = world.Recv(in, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
        expect(in[0] == previous && status.source == previous, "the parent got " + in[0] + " (the dup's message?)");
        status = copy.Recv(in, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
        expect(in[0] == 1000 + previous && status.tag == 5, "the dup got " + in[0]);
        expect(world.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG) == null, "nothing left on the parent");
        final Intracomm second = (Intracomm)copy.clone();
        second.Send(new int[] {2000 + rank}, 0, 1, MPI.INT, next, 5);
        copy.Send(new int[] {3000 + rank}, 0, 1, MPI.INT, next, 5);
        copy.Recv(in, 0, 1, MPI.INT, previous, 5);
        expect(in[0] == 3000 + previous, "dup of dup isolated: " + in[0]);
        second.Recv(in, 0, 1, MPI.INT, previous, 5);
        expect(in[0] == 2000 + previous, "dup of dup got " + in[0]);
        second.Free();
        copy.Free();
    }

    /**
     * Creates and frees more communicators than there are context blocks (16,384), alternating dup and Split: only
     * recycled ids make this possible. Every 1000th is used for a ring exchange.
     */
    private static void recycle()
    {
        final int[] in = new int[1];
        for (int i = 0; i < recycleCount; i++)
        {
            final Intracomm comm = i % 2 == 0 ? (Intracomm)world.clone() : world.Split(0, rank);
            if (i % 1000 == 0)
            {
                comm.Sendrecv(new int[] {i}, 0, 1, MPI.INT, (rank + 1) % size, 0, in, 0, 1, MPI.INT,
                    (rank + size - 1) % size, 0);
                expect(in[0] == i, "communicator " + i + " carried " + in[0]);
            }
            comm.Free();
        }
    }

    /**
     * Two threads per rank build communicators at the same time, each from its own parent (MPI allows concurrent
     * collectives on different communicators): the context-id agreement must neither deadlock nor hand one block to
     * both. Each thread's communicators carry a ring exchange that would cross if they shared contexts.
     */
    private static void concurrent()
    {
        final Intracomm[] parents = {(Intracomm)world.clone(), (Intracomm)world.clone()};
        final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
            new java.util.concurrent.atomic.AtomicReference<>();
        final Thread[] threads = new Thread[parents.length];
        for (int t = 0; t < threads.length; t++)
        {
            final int id = t;
            threads[t] = new Thread(() ->
            {
                try
                {
                    final int[] in = new int[1];
                    for (int i = 0; i < 100; i++)
                    {
                        final Intracomm comm = i % 2 == 0 ? (Intracomm)parents[id].clone()
                            : parents[id].Split(id, rank);
                        comm.Sendrecv(new int[] {id * 1000 + i}, 0, 1, MPI.INT, (rank + 1) % size, 0, in, 0, 1,
                            MPI.INT, (rank + size - 1) % size, 0);
                        expect(in[0] == id * 1000 + i, "thread " + id + " communicator " + i + " got " + in[0]);
                        comm.Free();
                    }
                }
                catch (final Throwable e)
                {
                    failure.compareAndSet(null, e);
                }
            }, "builder-" + t);
            threads[t].start();
        }
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(240_000);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            expect(!thread.isAlive(), thread.getName() + " not done within 240 s (deadlock?)");
        }
        if (failure.get() != null)
        {
            throw new AssertionError("rank " + rank + ": a builder thread failed", failure.get());
        }
        parents[0].Free();
        parents[1].Free();
    }

    /**
     * Even and odd world ranks form two groups joined by an inter-communicator: ping-pong between local rank i and
     * remote rank i, ANY_SOURCE across the groups, a duplicate, and Merge with the even group low.
     */
    private static void intercomm()
    {
        final int color = rank % 2;
        final Intracomm half = world.Split(color, rank);
        final Intercomm inter = world.Create_intercomm(half, 0, 1 - color, 77);
        expect(inter.Test_inter(), "Test_inter");
        final int evens = (size + 1) / 2;
        final int odds = size / 2;
        expect(inter.Size() == (color == 0 ? evens : odds) && inter.Remote_size() == (color == 0 ? odds : evens),
            "sizes " + inter.Size() + "/" + inter.Remote_size());
        expect(inter.Rank() == rank / 2, "local rank " + inter.Rank());
        expect(inter.Remote_group().Size() == inter.Remote_size(), "remote group size");
        final int peer = inter.Rank();
        final int[] in = new int[1];
        if (peer < inter.Remote_size())
        {
            for (int i = 0; i < 100; i++)
            {
                if (color == 0)
                {
                    inter.Send(new int[] {i * 2}, 0, 1, MPI.INT, peer, 8);
                    final Status status = inter.Recv(in, 0, 1, MPI.INT, MPI.ANY_SOURCE, 8);
                    expect(in[0] == i * 2 + 1 && status.source == peer, "pong " + in[0] + " from " + status.source);
                }
                else
                {
                    final Status status = inter.Recv(in, 0, 1, MPI.INT, peer, 8);
                    expect(in[0] == i * 2 && status.source == peer, "ping " + in[0]);
                    inter.Send(new int[] {in[0] + 1}, 0, 1, MPI.INT, peer, 8);
                }
            }
        }
        final Intercomm copy = (Intercomm)inter.clone();
        expect(Comm.Compare(copy, inter) == MPI.CONGRUENT, "inter dup congruent");
        if (inter.Rank() == 0)
        {
            copy.Send(new int[] {rank}, 0, 1, MPI.INT, 0, 9);
            copy.Recv(in, 0, 1, MPI.INT, 0, 9);
            expect(in[0] == 1 - color, "the remote leader is world rank " + (1 - color) + ", got " + in[0]);
        }
        final Intracomm merged = inter.Merge(color == 1);
        expect(merged.Size() == size, "merged size " + merged.Size());
        final int[] order = allgather(merged, rank);
        final int[] expected = java.util.stream.IntStream.concat(
            java.util.stream.IntStream.range(0, size).filter(r -> r % 2 == 0),
            java.util.stream.IntStream.range(0, size).filter(r -> r % 2 == 1)).toArray();
        expect(Arrays.equals(order, expected), "merge order " + Arrays.toString(order));
        final Intracomm mergedHigh = inter.Merge(color == 0);
        final int[] reversed = allgather(mergedHigh, rank);
        expect(reversed[0] % 2 == 1, "the low group (odd) first: " + Arrays.toString(reversed));
        mergedHigh.Free();
        merged.Free();
        copy.Free();
        inter.Free();
        half.Free();
    }

    /** A 2-D periodic grid from Dims_create: a halo exchange with the four neighbours, rows by Sub. */
    private static void cart()
    {
        final int[] dims = new int[2];
        Cartcomm.Dims_create(size, dims);
        final Cartcomm grid = world.Create_cart(dims, new boolean[] {true, true}, false);
        expect(grid.Topo_test() == MPI.CART, "Topo_test");
        final CartParms parms = grid.Get();
        expect(Arrays.equals(parms.dims, dims) && grid.Rank(parms.coords) == grid.Rank(), "coords "
            + Arrays.toString(parms.coords));
        for (int direction = 0; direction < 2; direction++)
        {
            final ShiftParms shift = grid.Shift(direction, 1);
            final int[] from = parms.coords.clone();
            from[direction] -= 1;
            final int[] to = parms.coords.clone();
            to[direction] += 1;
            expect(shift.rank_source == grid.Rank(from) && shift.rank_dest == grid.Rank(to), "shift " + direction);
            final int[] up = new int[1];
            final int[] down = new int[1];
            grid.Sendrecv(new int[] {grid.Rank()}, 0, 1, MPI.INT, shift.rank_dest, 20 + direction, up, 0, 1, MPI.INT,
                shift.rank_source, 20 + direction);
            grid.Sendrecv(new int[] {grid.Rank()}, 0, 1, MPI.INT, shift.rank_source, 30 + direction, down, 0, 1,
                MPI.INT, shift.rank_dest, 30 + direction);
            expect(up[0] == shift.rank_source && down[0] == shift.rank_dest, "halo along " + direction + ": "
                + up[0] + "/" + down[0]);
        }
        final Cartcomm row = grid.Sub(new boolean[] {false, true});
        expect(row.Size() == dims[1] && row.Get().coords[0] == parms.coords[1], "row " + row.Size());
        final int[] rowMembers = allgather(row, grid.Rank());
        for (int i = 0; i < rowMembers.length; i++)
        {
            expect(grid.Coords(rowMembers[i])[0] == parms.coords[0] && grid.Coords(rowMembers[i])[1] == i,
                "row member " + i + " is grid rank " + rowMembers[i]);
        }
        final Cartcomm line = world.Create_cart(new int[] {size - 1}, new boolean[] {false}, true);
        if (rank == size - 1)
        {
            expect(line == null, "no place on the line: null");
        }
        else
        {
            final ShiftParms ends = line.Shift(0, 1);
            expect((rank == 0) == (ends.rank_source == MPI.PROC_NULL), "PROC_NULL before the first");
            expect((rank == size - 2) == (ends.rank_dest == MPI.PROC_NULL), "PROC_NULL after the last");
            line.Free();
        }
        final Cartcomm copy = (Cartcomm)grid.clone();
        expect(Arrays.equals(copy.Get().dims, dims), "dup keeps the grid");
        copy.Free();
        row.Free();
        grid.Free();
    }

    /** A ring graph (each node joined to its two neighbours) plus a star to node 0; exchange with neighbours. */
    private static void graph()
    {
        final int[] index = new int[size];
        final List<Integer> edges = new java.util.ArrayList<>();
        for (int node = 0; node < size; node++)
        {
            edges.add((node + 1) % size);
            edges.add((node + size - 1) % size);
            index[node] = edges.size();
        }
        final Graphcomm graph = world.Create_graph(index, edges.stream().mapToInt(Integer::intValue).toArray(), false);
        expect(graph.Topo_test() == MPI.GRAPH, "Topo_test");
        final int[] neighbours = graph.Neighbours(rank);
        expect(neighbours.length == 2 && neighbours[0] == (rank + 1) % size, "neighbours "
            + Arrays.toString(neighbours));
        expect(Arrays.equals(graph.Get().index, index), "Get().index");
        final int[] in = new int[1];
        graph.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, neighbours[0], 4, in, 0, 1, MPI.INT, neighbours[1], 4);
        expect(in[0] == neighbours[1], "from the previous node " + in[0]);
        final Graphcomm copy = (Graphcomm)graph.clone();
        expect(Arrays.equals(copy.Neighbours(rank), neighbours), "dup keeps the graph");
        copy.Free();
        graph.Free();
    }

    /**
     * Under ERRORS_RETURN a bad argument raises MPIException with its class; the communicator stays usable. A freed
     * communicator and COMM_NULL report through COMM_WORLD's handler.
     */
    private static void errors()
    {
        final Intracomm comm = (Intracomm)world.clone();
        expect(comm.Errhandler_get() == MPI.ERRORS_ARE_FATAL, "the default is ERRORS_ARE_FATAL");
        comm.Errhandler_set(MPI.ERRORS_RETURN);
        expectError(MPI.ERR_RANK, "dest " + (size + 3), () -> comm.Send(new int[1], 0, 1, MPI.INT, size + 3, 0));
        expectError(MPI.ERR_TAG, "tag -4", () -> comm.Recv(new int[1], 0, 1, MPI.INT, 0, -4));
        expectError(MPI.ERR_ARG, "color -7", () -> comm.Split(-7, 0));
        final Intracomm child = comm.Split(0, 0);
        expect(child.Errhandler_get() == MPI.ERRORS_RETURN, "new communicators inherit the handler");
        child.Free();
        MPI.Errorhandler_set(MPI.ERRORS_RETURN);
        expectError(MPI.ERR_COMM, "freed", child::Size);
        expectError(MPI.ERR_COMM, "COMM_NULL", () -> MPI.COMM_NULL.Barrier());
        MPI.Errorhandler_set(MPI.ERRORS_ARE_FATAL);
        comm.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, rank, 1, new int[1], 0, 1, MPI.INT, rank, 1);
        comm.Free();
    }

    private static void expectError(final int errorClass, final String text, final Runnable call)
    {
        try
        {
            call.run();
        }
        catch (final MPIException e)
        {
            expect(e.getErrorClass() == errorClass && e.getMessage().contains(text), "error class "
                + e.getErrorClass() + " '" + e.getMessage() + "', expected " + errorClass + " naming " + text);
            return;
        }
        throw new AssertionError("rank " + rank + ": no MPIException for " + text);
    }
}
