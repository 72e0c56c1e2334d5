package mpi;

import java.nio.ByteBuffer;

/**
 * The Java element types a message can carry, and how each is packed into bytes (little-endian, so the bulk
 * copies are plain memory copies on x86 and the layout is the same on every host).
 */
enum BaseType
{
    NULL(0, 0, null),
    BYTE(1, 1, byte[].class)
    {
        @Override
        void pack(final Object array, final int from, final int count, final ByteBuffer to)
        {
            to.put((byte[])array, from, count);
        }

        @Override
        void unpack(final ByteBuffer from, final Object array, final int to, final int count)
        {
            from.get((byte[])array, to, count);
        }
    },
    CHAR(2, 2, char[].class)
    {
        @Override
        void pack(final Object array, final int from, final int count, final ByteBuffer to)
        {
            final char[] values = (char[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = from; i < from + count; i++)
                {
                    to.putChar(values[i]);
                }
                return;
            }
            to.asCharBuffer().put(values, from, count);
            to.position(to.position() + count * 2);
        }

        @Override
        void unpack(final ByteBuffer from, final Object array, final int to, final int count)
        {
            final char[] values = (char[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = to; i < to + count; i++)
                {
                    values[i] = from.getChar();
                }
                return;
            }
            from.asCharBuffer().get(values, to, count);
            from.position(from.position() + count * 2);
        }
    },
    SHORT(3, 2, short[].class)
    {
        @Override
        void pack(final Object array, final int from, final int count, final ByteBuffer to)
        {
            final short[] values = (short[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = from; i < from + count; i++)
                {
                    to.putShort(values[i]);
                }
                return;
            }
            to.asShortBuffer().put(values, from, count);
            to.position(to.position() + count * 2);
        }

        @Override
        void unpack(final ByteBuffer from, final Object array, final int to, final int count)
        {
            final short[] values = (short[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = to; i < to + count; i++)
                {
                    values[i] = from.getShort();
                }
                return;
            }
            from.asShortBuffer().get(values, to, count);
            from.position(from.position() + count * 2);
        }
    },
    BOOLEAN(4, 1, boolean[].class)
    {
        @Override
        void pack(final Object array, final int from, final int count, final ByteBuffer to)
        {
            final boolean[] values = (boolean[])array;
            for (int i = from; i < from + count; i++)
            {
                to.put(values[i] ? (byte)1 : (byte)0);
            }
        }

        @Override
        void unpack(final ByteBuffer from, final Object array, final int to, final int count)
        {
            final boolean[] values = (boolean[])array;
            for (int i = to; i < to + count; i++)
            {
                values[i] = from.get() != 0;
            }
        }
    },
    INT(5, 4, int[].class)
    {
        @Override
        void pack(final Object array, final int from, final int count, final ByteBuffer to)
        {
            final int[] values = (int[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = from; i < from + count; i++)
                {
                    to.putInt(values[i]);
                }
                return;
            }
            to.asIntBuffer().put(values, from, count);
            to.position(to.position() + count * 4);
        }

        @Override
        void unpack(final ByteBuffer from, final Object array, final int to, final int count)
        {
            final int[] values = (int[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = to; i < to + count; i++)
                {
                    values[i] = from.getInt();
                }
                return;
            }
            from.asIntBuffer().get(values, to, count);
            from.position(from.position() + count * 4);
        }
    },
    LONG(6, 8, long[].class)
    {
        @Override
        void pack(final Object array, final int from, final int count, final ByteBuffer to)
        {
            final long[] values = (long[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = from; i < from + count; i++)
                {
                    to.putLong(values[i]);
                }
                return;
            }
            to.asLongBuffer().put(values, from, count);
            to.position(to.position() + count * 8);
        }

        @Override
        void unpack(final ByteBuffer from, final Object array, final int to, final int count)
        {
            final long[] values = (long[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = to; i < to + count; i++)
                {
                    values[i] = from.getLong();
                }
                return;
            }
            from.asLongBuffer().get(values, to, count);
            from.position(from.position() + count * 8);
        }
    },
    FLOAT(7, 4, float[].class)
    {
        @Override
        void pack(final Object array, final int from, final int count, final ByteBuffer to)
        {
            final float[] values = (float[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = from; i < from + count; i++)
                {
                    to.putFloat(values[i]);
                }
                return;
            }
            to.asFloatBuffer().put(values, from, count);
            to.position(to.position() + count * 4);
        }

        @Override
        void unpack(final ByteBuffer from, final Object array, final int to, final int count)
        {
            final float[] values = (float[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = to; i < to + count; i++)
                {
                    values[i] = from.getFloat();
                }
                return;
            }
            from.asFloatBuffer().get(values, to, count);
            from.position(from.position() + count * 4);
        }
    },
    DOUBLE(8, 8, double[].class)
    {
        @Override
        void pack(final Object array, final int from, final int count, final ByteBuffer to)
        {
            final double[] values = (double[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = from; i < from + count; i++)
                {
                    to.putDouble(values[i]);
                }
                return;
            }
            to.asDoubleBuffer().put(values, from, count);
            to.position(to.position() + count * 8);
        }

        @Override
        void unpack(final ByteBuffer from, final Object array, final int to, final int count)
        {
            final double[] values = (double[])array;
            if (count < BULK_ELEMENTS)
            {
                for (int i = to; i < to + count; i++)
                {
                    values[i] = from.getDouble();
                }
                return;
            }
            from.asDoubleBuffer().get(values, to, count);
            from.position(from.position() + count * 8);
        }
    },
    /** Bytes of packed data: a {@code byte[]} or, as in MPJ Express, the static region of an {@code mpjbuf.Buffer}. */
    PACKED(9, 1, byte[].class)
    {
        @Override
        void pack(final Object array, final int from, final int count, final ByteBuffer to)
        {
            if (array instanceof mpjbuf.Buffer)
            {
                to.put(PackedRegion.of(array).position(from).limit(from + count));
                return;
            }
            BYTE.pack(array, from, count, to);
        }

        @Override
        void unpack(final ByteBuffer from, final Object array, final int to, final int count)
        {
            if (array instanceof mpjbuf.Buffer)
            {
                final ByteBuffer source = from.duplicate();
                source.limit(source.position() + count);
                PackedRegion.of(array).position(to).put(source);
                from.position(from.position() + count);
                return;
            }
            BYTE.unpack(from, array, to, count);
        }

        @Override
        int checkedLength(final Object buffer)
        {
            return buffer instanceof mpjbuf.Buffer ? PackedRegion.of(buffer).capacity() : super.checkedLength(buffer);
        }
    },
    LB(10, 0, null),
    UB(11, 0, null),
    OBJECT(12, 0, Object[].class);

    /** Runs shorter than this are copied element by element, longer ones through a bulk view. */
    private static final int BULK_ELEMENTS = 16;

    /** MPJ Express's type code, returned by {@link Datatype#getType()}. */
    final int code;
    /** Bytes per element on the wire; 0 for OBJECT (serialized) and the markers. */
    final int bytes;
    /** The Java array class a buffer of this type must be; null for the markers. */
    final Class<?> arrayClass;

    BaseType(final int code, final int bytes, final Class<?> arrayClass)
    {
        this.code = code;
        this.bytes = bytes;
        this.arrayClass = arrayClass;
    }

    /** Copies {@code count} elements of {@code array} from index {@code from} into {@code to}, advancing it. */
    void pack(final Object array, final int from, final int count, final ByteBuffer to)
    {
        throw new MPIException(MPI.ERR_TYPE, "datatype " + name() + " carries no data");
    }

    /** Copies {@code count} elements from {@code from}, advancing it, into {@code array} from index {@code to}. */
    void unpack(final ByteBuffer from, final Object array, final int to, final int count)
    {
        throw new MPIException(MPI.ERR_TYPE, "datatype " + name() + " carries no data");
    }

    /** @return true for the bound markers {@code MPI.LB} and {@code MPI.UB}, which carry no data. */
    boolean marker()
    {
        return this == LB || this == UB;
    }

    /** @return the length of a buffer of this type, after checking its class. */
    int checkedLength(final Object buffer)
    {
        if (buffer == null)
        {
            throw new MPIException(MPI.ERR_BUFFER, "buf is null");
        }
        if (!arrayClass.isInstance(buffer))
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype " + name() + " needs a buffer of type "
                + arrayClass.getSimpleName() + ", got " + buffer.getClass().getSimpleName());
        }
        return java.lang.reflect.Array.getLength(buffer);
    }
}
