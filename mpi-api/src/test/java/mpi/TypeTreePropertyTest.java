package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Random trees of type constructors (seeded) against a reference model that expands every type map entry by entry,
 * straight from the MPI-1 definitions: bounds, size, the element order of packing, and pack/unpack round trips of
 * several items, whole and truncated.
 */
class TypeTreePropertyTest
{
    private static final long SEED = 0x5eed_d7e9L;
    private static final int TREES = 3000;

    /** A type map written out: data displacements in order, and the marker displacements. */
    private record Model(List<Long> data, List<Long> lbMarks, List<Long> ubMarks)
    {
        static Model element()
        {
            return new Model(List.of(0L), List.of(), List.of());
        }

        boolean empty()
        {
            return data.isEmpty() && lbMarks.isEmpty() && ubMarks.isEmpty();
        }

        long lb()
        {
            if (!lbMarks.isEmpty())
            {
                return lbMarks.stream().mapToLong(Long::longValue).min().getAsLong();
            }
            return empty() ? 0 : all().stream().mapToLong(Long::longValue).min().getAsLong();
        }

        long ub()
        {
            if (!ubMarks.isEmpty())
            {
                return ubMarks.stream().mapToLong(Long::longValue).max().getAsLong();
            }
            long ub = Long.MIN_VALUE;
            for (final long d : data)
            {
                ub = Math.max(ub, d + 1);
            }
            for (final long d : lbMarks)
            {
                ub = Math.max(ub, d);
            }
            return empty() ? 0 : ub;
        }

        private List<Long> all()
        {
            final List<Long> all = new ArrayList<>(data);
            all.addAll(lbMarks);
            all.addAll(ubMarks);
            return all;
        }
    }

    /** Appends {@code copies} copies of {@code child}, one child extent apart, from {@code displacement}. */
    private static void append(final Model into, final long displacement, final int copies, final Model child)
    {
        final long extent = child.ub() - child.lb();
        for (int j = 0; j < copies; j++)
        {
            final long shift = displacement + j * extent;
            child.data().forEach(d -> into.data().add(d + shift));
            child.lbMarks().forEach(d -> into.lbMarks().add(d + shift));
            child.ubMarks().forEach(d -> into.ubMarks().add(d + shift));
        }
    }

    private static Model newModel()
    {
        return new Model(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** A random type and its model. */
    private record Tree(Datatype type, Model model)
    {
    }

    private static Tree random(final Random random, final int depth)
    {
        if (depth == 0 || random.nextInt(4) == 0)
        {
            return new Tree(MPI.INT, Model.element());
        }
        final Tree old = random(random, depth - 1);
        final long oldExtent = old.model.ub() - old.model.lb();
        final Model model = newModel();
        final int count = random.nextInt(4);
        switch (random.nextInt(6))
        {
            case 0 ->
            {
                append(model, 0, count, old.model);
                return new Tree(Datatype.Contiguous(count, old.type), model);
            }
            case 1, 2 ->
            {
                final boolean h = random.nextBoolean();
                final int blocklength = random.nextInt(3);
                final int stride = random.nextInt(9) - 4;
                for (int i = 0; i < count; i++)
                {
                    append(model, i * (h ? stride : stride * oldExtent), blocklength, old.model);
                }
                return new Tree(h ? Datatype.Hvector(count, blocklength, stride, old.type)
                    : Datatype.Vector(count, blocklength, stride, old.type), model);
            }
            case 3, 4 ->
            {
                final boolean h = random.nextBoolean();
                final int[] blocklengths = new int[count];
                final int[] displacements = new int[count];
                for (int i = 0; i < count; i++)
                {
                    blocklengths[i] = random.nextInt(3);
                    displacements[i] = random.nextInt(13) - 6;
                    append(model, h ? displacements[i] : displacements[i] * oldExtent, blocklengths[i], old.model);
                }
                return new Tree(h ? Datatype.Hindexed(blocklengths, displacements, old.type)
                    : Datatype.Indexed(blocklengths, displacements, old.type), model);
            }
            default ->
            {
                final int blocks = count + 1;
                final int[] blocklengths = new int[blocks];
                final int[] displacements = new int[blocks];
                final Datatype[] types = new Datatype[blocks];
                for (int i = 0; i < blocks; i++)
                {
                    blocklengths[i] = random.nextInt(3);
                    displacements[i] = random.nextInt(17) - 8;
                    final int pick = random.nextInt(5);
                    final Tree child = pick == 0 ? new Tree(MPI.LB, new Model(List.of(), List.of(0L), List.of()))
                        : pick == 1 ? new Tree(MPI.UB, new Model(List.of(), List.of(), List.of(0L)))
                        : pick == 2 ? random(random, depth - 1) : old;
                    types[i] = child.type;
                    append(model, displacements[i], blocklengths[i], child.model);
                }
                return new Tree(Datatype.Struct(blocklengths, displacements, types), model);
            }
        }
    }

    @Test
    void shouldMatchTheReferenceModelOnRandomTypeTrees()
    {
        final Random random = new Random(SEED);
        for (int n = 0; n < TREES; n++)
        {
            final Tree tree = random(random, 4);
            if (random.nextBoolean())
            {
                tree.type.Commit();
            }
            check(tree, random, "tree " + n + " (seed " + SEED + "): " + tree.type);
        }
    }

    private static void check(final Tree tree, final Random random, final String what)
    {
        final Datatype type = tree.type;
        final Model model = tree.model;
        assertEquals(model.lb(), type.Lb(), "lb of " + what);
        assertEquals(model.ub(), type.Ub(), "ub of " + what);
        assertEquals(model.ub() - model.lb(), type.Extent(), "extent of " + what);
        assertEquals(model.data().size(), type.Size(), "size of " + what);

        final int count = random.nextInt(4);
        final long extent = type.Extent();
        final List<Long> touched = new ArrayList<>();
        for (int item = 0; item < count; item++)
        {
            for (final long d : model.data())
            {
                touched.add(item * extent + d);
            }
        }
        final long lowest = touched.stream().mapToLong(Long::longValue).min().orElse(0);
        final long highest = touched.stream().mapToLong(Long::longValue).max().orElse(-1);
        final int offset = (int)Math.max(0, -lowest) + random.nextInt(3);
        final int length = (int)Math.max(offset, offset + highest + 1) + random.nextInt(3);
        final int[] source = new int[length];
        Arrays.setAll(source, i -> 1000 + i);
        type.checkBuffer(source, offset, count);
        if (!touched.isEmpty())
        {
            final int tight = (int)(offset + highest + 1);
            org.junit.jupiter.api.Assertions.assertThrows(MPIException.class,
                () -> type.checkBuffer(new int[tight - 1], offset, count), "one element short: " + what);
        }

        final ByteBuffer packed = ByteBuffer.allocate((int)type.packedBytes(count)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(touched.size() * 4L, type.packedBytes(count), "packed bytes of " + what);
        type.pack(source, offset, count, packed);
        packed.flip();
        final int[] expected = touched.stream().mapToInt(d -> source[(int)(offset + d)]).toArray();
        final int[] actual = new int[expected.length];
        packed.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(actual);
        assertArrayEquals(expected, actual, "packing order of " + what);

        final int keep = touched.isEmpty() ? 0 : random.nextInt(touched.size() + 1);
        final int[] target = new int[length];
        final ByteBuffer truncated = packed.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        truncated.limit(keep * 4);
        type.unpack(truncated, target, offset, count);
        final int[] reference = new int[length];
        for (int i = 0; i < keep; i++)
        {
            reference[(int)(offset + touched.get(i))] = expected[i];
        }
        assertArrayEquals(reference, target, "unpack of the first " + keep + " elements of " + what);
        final List<Integer> visited = new ArrayList<>();
        type.forEachElement(offset, count, visited::add);
        assertEquals(touched.stream().map(d -> (int)(offset + d)).toList(), visited, "element order of " + what);
    }
}
