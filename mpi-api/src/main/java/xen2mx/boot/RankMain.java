package xen2mx.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import mpi.MPIException;

/**
 * The main class of every rank JVM: {@code java -cp <runtime>:<user> xen2mx.boot.RankMain <MainClass | -jar file>
 * args...}.
 *
 * <p>Contract, in order:
 * <ol>
 *   <li>connects to the launcher ({@link JobBootstrap#current()}), so a dead launcher is noticed even before
 *       {@code MPI.Init}; a rank that cannot connect prints one line and exits 1;</li>
 *   <li>calls the user's {@code public static void main(String[])} on this thread with the user's arguments
 *       unchanged (nothing injected);</li>
 *   <li>an uncaught exception from it is printed as the {@code java} launcher prints it (reflection frames
 *       removed), reported to the launcher, and the JVM exits 1; so does a main class that cannot be found;</li>
 *   <li>a normal return behaves as with {@code java}: the JVM ends when the user's non-daemon threads end;
 *       {@code System.exit(n)} exits with {@code n}.</li>
 * </ol>
 * Run without a launcher environment, it simply runs the user's main (a singleton).
 */
public final class RankMain
{
    private RankMain()
    {
    }

    /**
     * @param argv {@code <MainClass | -jar file> args...}
     */
    public static void main(final String[] argv)
    {
        final JobBootstrap boot;
        try
        {
            boot = JobBootstrap.current();
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("x2mx rank: cannot start: " + ex.getMessage());
            System.exit(1);
            return;
        }
        final RankTarget target;
        final Method main;
        try
        {
            target = RankTarget.parse(argv);
            main = findMain(target.mainClass());
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("Error: " + ex.getMessage());
            System.err.flush();
            if (boot != null)
            {
                final Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                boot.reportFailure(cause.getClass().getName(), ex.getMessage(), null);
            }
            System.exit(1);
            return;
        }
        try
        {
            main.invoke(null, (Object)target.args());
        }
        catch (final InvocationTargetException ex)
        {
            uncaught(boot, target.mainClass(), ex.getCause());
        }
        catch (final IllegalAccessException | RuntimeException | Error ex)
        {
            uncaught(boot, target.mainClass(), ex);
        }
    }

    private static Method findMain(final String className)
    {
        final Class<?> cls;
        try
        {
            cls = Class.forName(className, false, ClassLoader.getSystemClassLoader());
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new IllegalArgumentException("Could not find or load main class " + className + " ("
                + ex + ")", ex);
        }
        try
        {
            final Method main = cls.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers()) || main.getReturnType() != void.class)
            {
                throw new NoSuchMethodException("main is not static void");
            }
            return main;
        }
        catch (final NoSuchMethodException ex)
        {
            throw new IllegalArgumentException("Main method not found in class " + className
                + ", please define the main method as: public static void main(String[] args)", ex);
        }
    }

    private static void uncaught(final JobBootstrap boot, final String mainClass, final Throwable failure)
    {
        trimReflectionFrames(failure, mainClass, Collections.newSetFromMap(new IdentityHashMap<>()));
        System.err.print("Exception in thread \"" + Thread.currentThread().getName() + "\" ");
        failure.printStackTrace();
        fail(boot, failure);
    }

    private static void fail(final JobBootstrap boot, final Throwable failure)
    {
        System.err.flush();
        System.out.flush();
        if (boot != null)
        {
            boot.reportFailure(failure);
        }
        System.exit(exitStatus(failure));
    }

    /** @return the error class of an uncaught {@link MPIException} (as MPI_ABORT would give), else 1. */
    static int exitStatus(final Throwable failure)
    {
        return failure instanceof MPIException mpiError && mpiError.getErrorClass() > 0
            && mpiError.getErrorClass() < 256 ? mpiError.getErrorClass() : 1;
    }

    /** Removes the frames below the user's main (reflection and RankMain), as if {@code java} had called it. */
    private static void trimReflectionFrames(final Throwable t, final String mainClass, final Set<Throwable> seen)
    {
        if (t == null || !seen.add(t))
        {
            return;
        }
        final StackTraceElement[] trace = t.getStackTrace();
        for (int i = trace.length - 1; i >= 0; i--)
        {
            if (trace[i].getClassName().equals(mainClass) && "main".equals(trace[i].getMethodName()))
            {
                t.setStackTrace(Arrays.copyOf(trace, i + 1));
                break;
            }
        }
        trimReflectionFrames(t.getCause(), mainClass, seen);
        for (final Throwable s : t.getSuppressed())
        {
            trimReflectionFrames(s, mainClass, seen);
        }
    }
}
