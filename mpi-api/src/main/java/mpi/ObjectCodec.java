package mpi;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Serializes the objects of an {@code MPI.OBJECT} message with Kryo: no registration needed, classes without a
 * no-arg constructor are instantiated through Objenesis, shared references and cycles are kept, and classes that
 * customise Java serialization ({@code writeObject}, {@code writeReplace}, ...) or live in the JDK go through Java
 * serialization so their invariants hold.
 *
 * <pre>
 * +-------------------+----------------------------------------------+
 * | count (varint)    | count x Kryo writeClassAndObject(element)     |
 * +-------------------+----------------------------------------------+
 * </pre>
 */
final class ObjectCodec
{
    private static final Pool<Kryo> KRYOS = new Pool<>(true, false, 64)
    {
        @Override
        protected Kryo create()
        {
            final Kryo kryo = new Kryo();
            kryo.setRegistrationRequired(false);
            kryo.setReferences(true);
            kryo.setAutoReset(false);
            kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
            kryo.setDefaultSerializer(new JavaAwareSerializerFactory());
            final ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null)
            {
                kryo.setClassLoader(loader);
            }
            return kryo;
        }
    };

    private ObjectCodec()
    {
    }

    /** @return the serialized form of {@code count} elements of {@code buf} as laid out by {@code type}. */
    static byte[] serialize(final Object[] buf, final int offset, final int count, final Datatype type)
    {
        final Kryo kryo = KRYOS.obtain();
        try (Output output = new Output(256, -1))
        {
            output.writeVarInt(count * type.Size(), true);
            type.forEachElement(offset, count, i -> kryo.writeClassAndObject(output, buf[i]));
            return output.toBytes();
        }
        catch (final KryoException | IllegalArgumentException e)
        {
            throw new MPIException(MPI.ERR_TYPE, "cannot serialize MPI.OBJECT data: " + e.getMessage(), e);
        }
        finally
        {
            kryo.reset();
            KRYOS.free(kryo);
        }
    }

    /**
     * Deserializes into {@code buf}.
     *
     * @return the number of objects the message held.
     * @throws MPIException with ERR_TRUNCATE when the message holds more objects than {@code count} items.
     */
    static int deserialize(final byte[] bytes, final int length, final Object[] buf, final int offset,
        final int count, final Datatype type)
    {
        final Kryo kryo = KRYOS.obtain();
        try (Input input = new Input(bytes, 0, length))
        {
            final int objects = input.readVarInt(true);
            final long capacity = (long)count * type.Size();
            if (objects > capacity)
            {
                throw new MPIException(MPI.ERR_TRUNCATE, "message of " + objects
                    + " objects truncated: receive buffer holds " + capacity);
            }
            final int[] seen = {0};
            type.forEachElement(offset, count, i ->
            {
                if (seen[0] < objects)
                {
                    buf[i] = kryo.readClassAndObject(input);
                    seen[0]++;
                }
            });
            return objects;
        }
        catch (final KryoException e)
        {
            throw new MPIException(MPI.ERR_TYPE, "cannot deserialize MPI.OBJECT data: " + e.getMessage(), e);
        }
        finally
        {
            kryo.reset();
            KRYOS.free(kryo);
        }
    }

    /** Java serialization for JDK classes and classes with custom serialization hooks; Kryo fields otherwise. */
    private static final class JavaAwareSerializerFactory implements SerializerFactory<Serializer<?>>
    {
        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Serializer<?> newSerializer(final Kryo kryo, final Class type)
        {
            if (Serializable.class.isAssignableFrom(type) && (isPlatformClass(type) || hasSerializationHooks(type)))
            {
                return new JavaSerializer();
            }
            return new FieldSerializer<>(kryo, type);
        }

        @Override
        public boolean isSupported(final Class type)
        {
            return true;
        }

        private static boolean isPlatformClass(final Class<?> type)
        {
            final String name = type.getName();
            return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.");
        }

        private static boolean hasSerializationHooks(final Class<?> type)
        {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass())
            {
                for (final Method method : c.getDeclaredMethods())
                {
                    final String name = method.getName();
                    if (!Modifier.isStatic(method.getModifiers())
                        && (name.equals("writeObject") || name.equals("readObject") || name.equals("writeReplace")
                        || name.equals("readResolve")))
                    {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
