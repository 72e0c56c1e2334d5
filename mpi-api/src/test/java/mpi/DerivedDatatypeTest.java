package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The type map, bounds and packing of every constructor of derived types, worked out by hand. */
class DerivedDatatypeTest
{
    /** @return the element indexes that one item at offset 0 touches, in type-map order. */
    private static int[] elements(final Datatype type)
    {
        final List<Integer> indexes = new ArrayList<>();
        type.forEachElement(0, 1, indexes::add);
        return indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void assertShape(final Datatype type, final int size, final int lb, final int ub,
        final int... elements)
    {
        assertEquals(size, type.Size(), "size of " + type);
        assertEquals(lb, type.Lb(), "lb of " + type);
        assertEquals(ub, type.Ub(), "ub of " + type);
        assertEquals(ub - lb, type.Extent(), "extent of " + type);
        assertArrayEquals(elements, elements(type), "type map of " + type);
    }

    private static ByteBuffer pack(final Datatype type, final Object buf, final int offset, final int count)
    {
        final ByteBuffer bytes = ByteBuffer.allocate((int)type.packedBytes(count)).order(ByteOrder.LITTLE_ENDIAN);
        type.pack(buf, offset, count, bytes);
        assertEquals(0, bytes.remaining(), "pack fills exactly packedBytes");
        return bytes.flip();
    }

    @Test
    void shouldLayOutContiguousVectorAndHvector()
    {
        assertShape(Datatype.Contiguous(3, MPI.INT), 3, 0, 3, 0, 1, 2);
        assertShape(Datatype.Vector(3, 2, 4, MPI.INT), 6, 0, 10, 0, 1, 4, 5, 8, 9);
        assertShape(Datatype.Hvector(2, 2, 5, Datatype.Contiguous(2, MPI.INT)), 8, 0, 9, 0, 1, 2, 3, 5, 6, 7, 8);
        final Datatype everyOther = Datatype.Vector(2, 1, 2, MPI.INT);
        assertShape(everyOther, 2, 0, 3, 0, 2);
        assertShape(Datatype.Vector(2, 1, 3, everyOther), 4, 0, 12, 0, 2, 9, 11);
        assertShape(Datatype.Hvector(2, 1, 3, everyOther), 4, 0, 6, 0, 2, 3, 5);
    }

    @Test
    void shouldRunNegativeStridesBackwards()
    {
        assertShape(Datatype.Vector(3, 1, -2, MPI.INT), 3, -4, 1, 0, -2, -4);
        assertShape(Datatype.Hvector(2, 2, -3, MPI.DOUBLE), 4, -3, 2, 0, 1, -3, -2);
    }

    @Test
    void shouldKeepTheGivenOrderOfIndexedBlocks()
    {
        assertShape(Datatype.Indexed(new int[] {2, 1}, new int[] {3, 0}, MPI.INT), 3, 0, 5, 3, 4, 0);
        final Datatype pair = Datatype.Contiguous(2, MPI.INT);
        assertShape(Datatype.Indexed(new int[] {1, 1}, new int[] {2, -1}, pair), 4, -2, 6, 4, 5, -2, -1);
        assertShape(Datatype.Hindexed(new int[] {1, 1}, new int[] {5, -1}, pair), 4, -1, 7, 5, 6, -1, 0);
    }

    @Test
    void shouldTakeExplicitBoundsFromLbAndUbMarkers()
    {
        final Datatype padded = Datatype.Struct(new int[] {1, 3, 1}, new int[] {-2, 0, 10},
            new Datatype[] {MPI.LB, MPI.INT, MPI.UB});
        assertShape(padded, 3, -2, 10, 0, 1, 2);
        assertEquals(MPI.INT.getType(), padded.getType());

        final Datatype narrowed = Datatype.Struct(new int[] {1, 2}, new int[] {1, 0}, new Datatype[] {MPI.LB, MPI.INT});
        assertShape(narrowed, 2, 1, 2, 0, 1);

        final Datatype overlapping = Datatype.Struct(new int[] {2, 1}, new int[] {0, 1},
            new Datatype[] {MPI.INT, MPI.UB});
        assertShape(overlapping, 2, 0, 1, 0, 1);
        final int[] out = new int[3];
        final ByteBuffer packed = pack(overlapping, new int[] {7, 8, 9}, 0, 2);
        assertEquals(16, packed.remaining(), "two overlapping items pack 4 elements: 0 1 1 2");
        overlapping.unpack(packed, out, 0, 2);
        assertArrayEquals(new int[] {7, 8, 9}, out);
    }

    @Test
    void shouldReplicateMarkersInTypesBuiltFromMarkedTypes()
    {
        final Datatype marked = Datatype.Struct(new int[] {1, 2, 1}, new int[] {-1, 0, 3},
            new Datatype[] {MPI.LB, MPI.INT, MPI.UB});
        assertShape(marked, 2, -1, 3, 0, 1);
        assertShape(Datatype.Contiguous(2, marked), 4, -1, 7, 0, 1, 4, 5);
        assertShape(Datatype.Vector(2, 1, -1, marked), 4, -5, 3, 0, 1, -4, -3);
        final Datatype mixed = Datatype.Struct(new int[] {1, 1}, new int[] {0, 20}, new Datatype[] {marked, MPI.INT});
        assertShape(mixed, 3, -1, 3, 0, 1, 20);
    }

    @Test
    void shouldBoundMarkerOnlyAndEmptyTypes()
    {
        assertShape(MPI.LB, 0, 0, 0);
        assertShape(MPI.UB, 0, 0, 0);
        assertShape(Datatype.Struct(new int[] {1, 1}, new int[] {-3, 5}, new Datatype[] {MPI.LB, MPI.UB}), 0, -3, 5);
        assertShape(Datatype.Contiguous(0, MPI.INT), 0, 0, 0);
        assertShape(Datatype.Vector(0, 4, 9, MPI.INT), 0, 0, 0);
        assertShape(Datatype.Vector(3, 0, 9, MPI.INT), 0, 0, 0);
        assertShape(Datatype.Indexed(new int[] {0, 2}, new int[] {100, 1}, MPI.INT), 2, 1, 3, 1, 2);
        assertShape(Datatype.Struct(new int[0], new int[0], new Datatype[0]), 0, 0, 0);
        assertEquals(0, Datatype.Contiguous(0, MPI.INT).packedBytes(5));
    }

    @Test
    void shouldKeepThePackagePrivateBlockConstructor()
    {
        assertShape(new Datatype(BaseType.INT, new int[] {0, 2}, new int[] {1, 1}, 0, 4), 2, 0, 4, 0, 2);
        assertShape(new Datatype(BaseType.INT, new int[] {3}, new int[] {2}, -1, 7), 2, -1, 6, 3, 4);
    }

    @Test
    void shouldPackDenseTypesAsOneBlock()
    {
        final Datatype quad = Datatype.Contiguous(2, Datatype.Contiguous(2, MPI.INT));
        assertTrue(quad.isContiguous());
        assertEquals(1, quad.runs().runCount());
        final Datatype rows = Datatype.Vector(4, 3, 3, MPI.INT);
        assertTrue(rows.isContiguous(), "a vector with stride == blocklength is contiguous");
        assertEquals(1, rows.runs().runCount());
        final Datatype merged = Datatype.Indexed(new int[] {2, 3}, new int[] {0, 2}, MPI.INT);
        assertTrue(merged.isContiguous(), "adjacent indexed blocks merge: " + merged.runs());
        final Datatype columns = Datatype.Vector(4, 3, 5, MPI.INT);
        assertFalse(columns.isContiguous());
        assertEquals(4, columns.runs().runCount());
        assertEquals(1, columns.runs().segmentCount(), "equal runs at a constant stride are one segment");
        assertEquals(1, Datatype.Vector(1_000_000, 2, 3, MPI.INT).runs().segmentCount());
        final Datatype splitSegment = Datatype.Indexed(new int[] {1, 1, 1, 1}, new int[] {0, 2, 4, 5}, MPI.INT);
        assertShape(splitSegment, 4, 0, 6, 0, 2, 4, 5);
        assertEquals(3, splitSegment.runs().runCount(), "the run touching a segment's last run merges with it");
        final Datatype shifted = Datatype.Indexed(new int[] {3}, new int[] {2}, MPI.INT);
        assertFalse(shifted.isContiguous(), "dense but not from the offset");
        assertTrue(shifted.runs().dense());
        final int[] out = new int[9];
        shifted.unpack(pack(shifted, new int[] {0, 0, 1, 2, 3, 4, 5, 6, 0}, 0, 2), out, 0, 2);
        assertArrayEquals(new int[] {0, 0, 1, 2, 3, 4, 5, 6, 0}, out);
    }

    @Test
    void shouldPackColumnsOfARowMajorMatrix()
    {
        final int rows = 5;
        final int cols = 4;
        final double[] matrix = new double[rows * cols];
        for (int i = 0; i < matrix.length; i++)
        {
            matrix[i] = i;
        }
        final Datatype column = Datatype.Vector(rows, 1, cols, MPI.DOUBLE);
        final Datatype columnStride = Datatype.Struct(new int[] {1, 1}, new int[] {0, 1},
            new Datatype[] {column, MPI.UB});
        final ByteBuffer packed = pack(columnStride, matrix, 1, 2);
        for (int c = 1; c <= 2; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                assertEquals(r * cols + c, packed.getDouble(), 0.0, "column " + c + " row " + r);
            }
        }
    }

    @Test
    void shouldUnpackAPartialLastItemInTypeMapOrder()
    {
        final Datatype type = Datatype.Indexed(new int[] {1, 2}, new int[] {4, 0}, MPI.INT);
        final ByteBuffer bytes = ByteBuffer.allocate(5 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 1; i <= 5; i++)
        {
            bytes.putInt(i);
        }
        final int[] out = new int[10];
        type.unpack(bytes.flip(), out, 0, 2);
        assertArrayEquals(new int[] {2, 3, 0, 0, 1, 5, 0, 0, 0, 4}, out);
    }

    @Test
    void shouldCheckTheElementsItemsTouchIncludingNegativeDisplacements()
    {
        final Datatype backwards = Datatype.Vector(2, 1, -2, MPI.INT);
        final MPIException below = assertThrows(MPIException.class, () -> backwards.checkBuffer(new int[4], 0, 1));
        assertEquals(MPI.ERR_BUFFER, below.getErrorClass());
        assertTrue(below.getMessage().contains("offset 0") && below.getMessage().contains("count 1")
            && below.getMessage().contains("-2"), below.getMessage());
        backwards.checkBuffer(new int[4], 2, 1);
        backwards.checkBuffer(new int[6], 2, 2);
        assertThrows(MPIException.class, () -> backwards.checkBuffer(new int[7], 2, 3));

        final Datatype padded = Datatype.Struct(new int[] {1, 1}, new int[] {0, 10}, new Datatype[] {MPI.INT, MPI.UB});
        padded.checkBuffer(new int[11], 0, 2);
        final MPIException beyond = assertThrows(MPIException.class, () -> padded.checkBuffer(new int[10], 0, 2));
        assertTrue(beyond.getMessage().contains("count 2") && beyond.getMessage().contains("length 10"),
            beyond.getMessage());
        final Datatype dataBelowLb = Datatype.Struct(new int[] {1, 1}, new int[] {0, -1},
            new Datatype[] {MPI.LB, MPI.INT});
        assertThrows(MPIException.class, () -> dataBelowLb.checkBuffer(new int[3], 0, 1),
            "data below an explicit lb still counts");
        dataBelowLb.checkBuffer(new int[3], 1, 1);
    }

    @Test
    void shouldRefuseBadConstructorArgumentsNamingThem()
    {
        assertEquals(MPI.ERR_COUNT, assertThrows(MPIException.class,
            () -> Datatype.Vector(-1, 1, 1, MPI.INT)).getErrorClass());
        final MPIException blocklength = assertThrows(MPIException.class, () -> Datatype.Vector(1, -2, 1, MPI.INT));
        assertEquals(MPI.ERR_ARG, blocklength.getErrorClass());
        assertTrue(blocklength.getMessage().contains("blocklength -2"), blocklength.getMessage());
        final MPIException indexed = assertThrows(MPIException.class,
            () -> Datatype.Indexed(new int[] {1, -1}, new int[] {0, 1}, MPI.INT));
        assertTrue(indexed.getMessage().contains("blocklengths[1] -1"), indexed.getMessage());
        assertTrue(assertThrows(MPIException.class, () -> Datatype.Hindexed(new int[] {1, 1}, new int[] {0},
            MPI.INT)).getMessage().contains("displacements has 1"));
        assertEquals(MPI.ERR_TYPE, assertThrows(MPIException.class,
            () -> Datatype.Contiguous(1, null)).getErrorClass());
        assertEquals(MPI.ERR_TYPE, assertThrows(MPIException.class,
            () -> Datatype.Contiguous(1, MPI.NULL)).getErrorClass());
        final MPIException mixed = assertThrows(MPIException.class, () -> Datatype.Struct(new int[] {1, 1, 1},
            new int[] {0, 1, 2}, new Datatype[] {MPI.LB, MPI.INT, MPI.DOUBLE}));
        assertEquals(MPI.ERR_TYPE, mixed.getErrorClass());
        assertTrue(mixed.getMessage().contains("types[2]") && mixed.getMessage().contains("DOUBLE")
            && mixed.getMessage().contains("types[1]"), mixed.getMessage());
        assertTrue(assertThrows(MPIException.class, () -> Datatype.Struct(new int[] {1}, new int[] {0},
            new Datatype[] {null})).getMessage().contains("types[0] is null"));
        assertEquals(MPI.ERR_TYPE, assertThrows(MPIException.class,
            () -> Datatype.Vector(Integer.MAX_VALUE, 2, Integer.MAX_VALUE, MPI.INT)).getErrorClass());
    }

    @Test
    void shouldRefuseFreedTypesButKeepTypesBuiltFromThem()
    {
        final Datatype pair = Datatype.Contiguous(2, MPI.INT);
        pair.Commit();
        final Datatype quad = Datatype.Contiguous(2, pair);
        pair.free();
        assertEquals(MPI.ERR_TYPE, assertThrows(MPIException.class, () -> pair.checkBuffer(new int[2], 0, 1))
            .getErrorClass());
        assertThrows(MPIException.class, pair::Commit);
        assertTrue(assertThrows(MPIException.class, () -> Datatype.Vector(1, 1, 1, pair)).getMessage()
            .contains("oldtype"));
        quad.checkBuffer(new int[4], 0, 1);
        MPI.INT.free();
        MPI.INT.checkBuffer(new int[1], 0, 1);
    }

    @Test
    void shouldLayOutObjectsOfDerivedTypesThroughTheCodec()
    {
        final Datatype everyOther = Datatype.Vector(3, 1, 2, MPI.OBJECT);
        final Object[] in = {"a", "x", 2, "x", List.of(3), "x"};
        final byte[] bytes = ObjectCodec.serialize(in, 0, 1, everyOther);
        final Object[] out = new Object[6];
        assertEquals(3, ObjectCodec.deserialize(bytes, bytes.length, out, 0, 1, everyOther));
        assertArrayEquals(new Object[] {"a", null, 2, null, List.of(3), null}, out);
    }
}
