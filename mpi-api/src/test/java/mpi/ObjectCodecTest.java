package mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ObjectCodecTest
{
    /** No no-arg constructor, never registered. */
    static final class Point implements Serializable
    {
        final int x;
        final String label;
        Point next;

        Point(final int x, final String label)
        {
            this.x = x;
            this.label = label;
        }
    }

    /** Custom Java serialization that must run on both sides. */
    static final class Counted implements Serializable
    {
        transient int restoredTimes;
        final int value;

        Counted(final int value)
        {
            this.value = value;
        }

        private void writeObject(final ObjectOutputStream out) throws IOException
        {
            out.defaultWriteObject();
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            restoredTimes++;
        }
    }

    private static Object[] roundTrip(final Object[] in, final int offset, final int count, final int outLength)
    {
        final byte[] bytes = ObjectCodec.serialize(in, offset, count, MPI.OBJECT);
        final Object[] out = new Object[outLength];
        assertEquals(count, ObjectCodec.deserialize(bytes, bytes.length, out, 0, outLength, MPI.OBJECT));
        return out;
    }

    @Test
    void shouldCarryUnregisteredClassesWithoutNoArgConstructorAndKeepCycles()
    {
        final Point a = new Point(1, "a");
        final Point b = new Point(2, "b");
        a.next = b;
        b.next = a;
        final Object[] out = roundTrip(new Object[] {"skip", a, b, null}, 1, 3, 4);
        final Point a2 = (Point)out[0];
        final Point b2 = (Point)out[1];
        assertEquals(1, a2.x);
        assertEquals("b", b2.label);
        assertSame(b2, a2.next);
        assertSame(a2, b2.next);
        assertNull(out[2]);
    }

    @Test
    void shouldCarryJdkCollectionsAndCustomSerialization()
    {
        final List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
        final Map<String, int[]> map = new HashMap<>();
        map.put("k", new int[] {4, 5});
        final Object[] out = roundTrip(new Object[] {list, map, new Counted(7)}, 0, 3, 3);
        assertEquals(list, out[0]);
        @SuppressWarnings("unchecked")
        final Map<String, int[]> map2 = (Map<String, int[]>)out[1];
        assertEquals(5, map2.get("k")[1]);
        assertEquals(7, ((Counted)out[2]).value);
        assertEquals(1, ((Counted)out[2]).restoredTimes, "readObject ran");
    }

    @Test
    void shouldReportTruncationWhenTheMessageHoldsMoreObjects()
    {
        final byte[] bytes = ObjectCodec.serialize(new Object[] {1, 2, 3}, 0, 3, MPI.OBJECT);
        final MPIException e = assertThrows(MPIException.class,
            () -> ObjectCodec.deserialize(bytes, bytes.length, new Object[2], 0, 2, MPI.OBJECT));
        assertEquals(MPI.ERR_TRUNCATE, e.getErrorClass());
    }
}
