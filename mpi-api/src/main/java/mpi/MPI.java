package mpi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import xen2mx.boot.JobBootstrap;
import xen2mx.btl.BtlException;
import xen2mx.pml.Pml;

/**
 * The mpiJava 1.2 entry point: initialisation, constants, timers and the predefined communicators, as MPJ Express
 * exposes them (so its programs compile unchanged), with MPJ's known bugs fixed: {@link #Wtime()} has nanosecond
 * resolution, {@link #ERRORS_RETURN} exists, {@code TAG_UB}/{@code HOST}/{@code IO} are distinct keys, and a program
 * started without the launcher runs as a one-rank world.
 */
public class MPI
{
    // ---------------------------------------------------------------- error classes

    public static final int SUCCESS = 0;
    public static final int ERR_BUFFER = 1;
    public static final int ERR_COUNT = 2;
    public static final int ERR_TYPE = 3;
    public static final int ERR_TAG = 4;
    public static final int ERR_COMM = 5;
    public static final int ERR_RANK = 6;
    public static final int ERR_REQUEST = 7;
    public static final int ERR_ROOT = 8;
    public static final int ERR_GROUP = 9;
    public static final int ERR_OP = 10;
    public static final int ERR_TOPOLOGY = 11;
    public static final int ERR_DIMS = 12;
    public static final int ERR_ARG = 13;
    public static final int ERR_UNKNOWN = 14;
    public static final int ERR_TRUNCATE = 15;
    public static final int ERR_OTHER = 16;
    public static final int ERR_INTERN = 17;
    public static final int ERR_PENDING = 18;
    public static final int ERR_IN_STATUS = 19;
    public static final int ERR_LASTCODE = 19;

    // ---------------------------------------------------------------- scalar constants (values as MPJ Express)

    public static final int UNDEFINED = -1;
    public static final int ANY_SOURCE = -2;
    public static final int ANY_TAG = -2;
    public static final int PROC_NULL = -3;
    public static final int IDENT = 0;
    public static final int SIMILAR = 1;
    public static final int UNEQUAL = 2;
    public static final int CONGRUENT = 3;
    public static final int GRAPH = 1;
    public static final int CART = 2;
    public static final int THREAD_SINGLE = 1;
    public static final int THREAD_FUNNELED = 2;
    public static final int THREAD_SERIALIZED = 3;
    public static final int THREAD_MULTIPLE = 4;
    /** Attribute key: the largest tag ({@code Attr_get} returns an Integer). */
    public static final int TAG_UB = 1;
    /** Attribute key: the rank of the host process, {@code PROC_NULL} (there is none). */
    public static final int HOST = 2;
    /** Attribute key: a rank that can do I/O (every rank can: the caller's own). */
    public static final int IO = 3;
    /**
     * Bytes each buffered send takes in the attached buffer beyond its data ({@link Comm#Pack_size}): none, since
     * the runtime keeps its bookkeeping out of the attached space (MPJ Express's shared-memory device says 0 too).
     * A buffer of {@code Pack_size(count, type)} therefore holds one buffered send of {@code count} items.
     */
    public static final int BSEND_OVERHEAD = 0;
    public static final int SEND_OVERHEAD = BSEND_OVERHEAD;
    public static final int RECV_OVERHEAD = 0;
    public static final int NUM_OF_PROCESSORS = Runtime.getRuntime().availableProcessors();
    public static final boolean DEBUG = false;
    /** MPJ Express's switch for its pre-0.43 collective algorithms; ours choose by size, so it is always false. */
    public static final boolean isOldSelected = false;

    // ---------------------------------------------------------------- datatypes

    public static final Datatype NULL = new Datatype(BaseType.NULL);
    public static final Datatype BYTE = new Datatype(BaseType.BYTE);
    public static final Datatype CHAR = new Datatype(BaseType.CHAR);
    public static final Datatype SHORT = new Datatype(BaseType.SHORT);
    public static final Datatype BOOLEAN = new Datatype(BaseType.BOOLEAN);
    public static final Datatype INT = new Datatype(BaseType.INT);
    public static final Datatype LONG = new Datatype(BaseType.LONG);
    public static final Datatype FLOAT = new Datatype(BaseType.FLOAT);
    public static final Datatype DOUBLE = new Datatype(BaseType.DOUBLE);
    public static final Datatype PACKED = new Datatype(BaseType.PACKED);
    public static final Datatype LB = new Datatype(BaseType.LB);
    public static final Datatype UB = new Datatype(BaseType.UB);
    public static final Datatype OBJECT = new Datatype(BaseType.OBJECT);
    public static final Datatype SHORT2 = Datatype.Contiguous(2, SHORT);
    public static final Datatype INT2 = Datatype.Contiguous(2, INT);
    public static final Datatype LONG2 = Datatype.Contiguous(2, LONG);
    public static final Datatype FLOAT2 = Datatype.Contiguous(2, FLOAT);
    public static final Datatype DOUBLE2 = Datatype.Contiguous(2, DOUBLE);

    // ---------------------------------------------------------------- operations

    public static final Op MAX = new Op(1);
    public static final Op MIN = new Op(2);
    public static final Op SUM = new Op(3);
    public static final Op PROD = new Op(4);
    public static final Op LAND = new Op(5);
    public static final Op BAND = new Op(6);
    public static final Op LOR = new Op(7);
    public static final Op BOR = new Op(8);
    public static final Op LXOR = new Op(9);
    public static final Op BXOR = new Op(10);
    public static final Op MAXLOC = new Op(11);
    public static final Op MINLOC = new Op(12);

    // ---------------------------------------------------------------- handles

    public static final Errhandler ERRORS_ARE_FATAL = new Errhandler(Errhandler.FATAL);
    public static final Errhandler ERRORS_RETURN = new Errhandler(Errhandler.RETURN);
    public static final Request REQUEST_NULL = new Request(null);
    /** The null communicator (an Intracomm, so that {@code Split} and {@code Create} can return it). */
    public static final Intracomm COMM_NULL = new Intracomm(null, -1);
    public static final Group GROUP_NULL = new Group(new int[0], -1);
    public static final Status EMPTY_STATUS = Status.empty();

    /** The world: set by {@link #Init}. */
    public static Intracomm COMM_WORLD;
    /** The caller alone: set by {@link #Init}. */
    public static Intracomm COMM_SELF;
    /** The empty group: set by {@link #Init}. */
    public static Group GROUP_EMPTY = new Group(new int[0], -1);

    private static final long WTIME_ORIGIN = System.nanoTime();
    private static final BsendBuffer BSEND_BUFFER = new BsendBuffer();
    private static final List<Operation> DETACHED = new ArrayList<>();

    private static volatile Pml pml;
    private static JobBootstrap bootstrap;
    private static boolean initialized;
    private static boolean finalized;
    private static int threadLevel = THREAD_SINGLE;
    private static Thread mainThread;

    /** Not instantiable: statics only. */
    protected MPI()
    {
    }

    /**
     * Java binding of {@code MPI_INIT}. Started by {@code mpirun}, the rank joins its job; started on its own, the
     * program is a one-rank world.
     *
     * <p>As in MPJ Express (whose test suite runs many programs in one JVM), {@code Init} may be called again after
     * {@link #Finalize}: every rank of the job must do so, and the new session starts with fresh communicators;
     * requests and communicators of the old session are dead. Calling it while initialised is an error.
     *
     * @param args the program's arguments.
     * @return the same arguments: the launcher adds nothing to them.
     */
    public static String[] Init(final String[] args)
    {
        init(THREAD_SINGLE);
        return args;
    }

    /**
     * Java binding of {@code MPI_INIT_THREAD}.
     *
     * @return the thread level provided: {@code required}, since every level up to THREAD_MULTIPLE is supported.
     */
    public static int Init_thread(final String[] args, final int required)
    {
        return init(required);
    }

    /**
     * MPJ Express's form of {@link #Init_thread}: returns the user's arguments; {@link #queryThread()} tells the level.
     */
    public static String[] initThread(final int required, final int provided, final String[] args)
    {
        init(required);
        return args;
    }

    private static synchronized int init(final int required)
    {
        if (initialized)
        {
            throw new MPIException(ERR_OTHER, "MPI.Init called twice");
        }
        if (required < THREAD_SINGLE || required > THREAD_MULTIPLE)
        {
            throw new MPIException(ERR_ARG, "required thread level " + required + " is not one of MPI.THREAD_SINGLE ("
                + THREAD_SINGLE + ") .. MPI.THREAD_MULTIPLE (" + THREAD_MULTIPLE + ")");
        }
        bootstrap = JobBootstrap.current();
        final int rank = bootstrap == null ? 0 : bootstrap.rank();
        final int size = bootstrap == null ? 1 : bootstrap.size();
        final String jobId = bootstrap == null ? "singleton-" + ProcessHandle.current().pid() : bootstrap.jobId();
        try
        {
            pml = Pml.open(rank, size, bootstrap == null ? 1 : bootstrap.localSize(), jobId,
                JobBootstrap.mcaParameters(),
                mine -> bootstrap == null ? new byte[][] {mine} : bootstrap.allgather(mine),
                JobBootstrap.verbosity(), System.out);
        }
        catch (final BtlException | IllegalArgumentException e)
        {
            throw new MPIException(ERR_OTHER, "MPI.Init failed on rank " + rank + ": " + e.getMessage(), e);
        }
        final int[] world = new int[size];
        for (int r = 0; r < size; r++)
        {
            world[r] = r;
        }
        ContextAgreement.newSession();
        COMM_WORLD = new Intracomm(new Group(world, rank), 0);
        COMM_SELF = new Intracomm(new Group(new int[] {rank}, rank), Comm.CONTEXTS_PER_COMM);
        GROUP_EMPTY = new Group(new int[0], rank);
        threadLevel = required;
        mainThread = Thread.currentThread();
        initialized = true;
        finalized = false;
        return threadLevel;
    }

    /** Java binding of {@code MPI_FINALIZE}: completes buffered sends, synchronises the world, closes transports. */
    public static void Finalize()
    {
        final Pml current = pml();
        BSEND_BUFFER.detach();
        synchronized (DETACHED)
        {
            for (final Operation op : DETACHED)
            {
                op.await();
            }
            DETACHED.clear();
        }
        COMM_WORLD.Barrier();
        synchronized (MPI.class)
        {
            current.close();
            pml = null;
            initialized = false;
            finalized = true;
            if (bootstrap != null)
            {
                bootstrap.finalized();
            }
        }
    }

    /** @return true once {@link #Init} has returned (and {@link #Finalize} has not). */
    public static boolean Initialized()
    {
        return initialized;
    }

    /** @return true once {@link #Finalize} has returned, until {@link #Init} starts a new session. */
    public static boolean Finalized()
    {
        return finalized;
    }

    /** @return the thread level provided by {@link #Init_thread}. */
    public static int Query_thread()
    {
        return threadLevel;
    }

    /** MPJ Express's spelling of {@link #Query_thread()}. */
    public static int queryThread()
    {
        return threadLevel;
    }

    /** @return true when called from the thread that initialised MPI. */
    public static boolean Is_thread_main()
    {
        return Thread.currentThread() == mainThread;
    }

    /** MPJ Express's spelling of {@link #Is_thread_main()}. */
    public static boolean isMainThread()
    {
        return Is_thread_main();
    }

    /** @return wall-clock seconds since an arbitrary origin, with nanosecond resolution. */
    public static double Wtime()
    {
        return (System.nanoTime() - WTIME_ORIGIN) / 1e9;
    }

    /** @return the resolution of {@link #Wtime()} in seconds: 1e-9. */
    public static double Wtick()
    {
        return 1e-9;
    }

    /** @return the name of this host. */
    public static String Get_processor_name()
    {
        try
        {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (final UnknownHostException e)
        {
            final String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null ? fromEnvironment : "localhost";
        }
    }

    /**
     * Java binding of {@code MPI_BUFFER_ATTACH} (MPJ Express's ByteBuffer form): room for buffered sends.
     *
     * @param buffer its capacity bounds the data of outstanding buffered sends.
     */
    public static void Buffer_attach(final ByteBuffer buffer)
    {
        if (buffer == null)
        {
            throw new MPIException(ERR_BUFFER, "buffer is null");
        }
        BSEND_BUFFER.attach(buffer.capacity());
    }

    /** Java binding of {@code MPI_BUFFER_DETACH}: waits for outstanding buffered sends, then detaches. */
    public static void Buffer_detach()
    {
        pml();
        BSEND_BUFFER.detach();
    }

    /** Sets the error handler of {@link #COMM_WORLD} (MPJ Express's static form). */
    public static void Errorhandler_set(final Errhandler errhandler)
    {
        pml();
        COMM_WORLD.Errhandler_set(errhandler);
    }

    /** @return the error handler of {@link #COMM_WORLD} (MPJ Express's static form). */
    public static Errhandler Errorhandler_get()
    {
        pml();
        return COMM_WORLD.Errhandler_get();
    }

    // ---------------------------------------------------------------- runtime internals

    /** @return the messaging layer, or throws when MPI is not initialised. */
    static Pml pml()
    {
        final Pml current = pml;
        if (current == null)
        {
            throw new MPIException(ERR_OTHER, finalized ? "MPI has been finalized" : "MPI.Init has not been called");
        }
        return current;
    }

    static int worldRank()
    {
        final Pml current = pml;
        return current == null ? 0 : current.rank();
    }

    static BsendBuffer bsendBuffer()
    {
        return BSEND_BUFFER;
    }

    /** Keeps a freed request's operation so that Finalize completes it. */
    static void detached(final Operation op)
    {
        synchronized (DETACHED)
        {
            DETACHED.add(op);
        }
    }

    /** Ends the whole job with {@code code}, through the launcher when there is one. */
    static void abort(final int code, final String reason)
    {
        System.err.println(reason);
        System.err.flush();
        System.out.flush();
        if (bootstrap != null)
        {
            bootstrap.abort(code, reason);
        }
        Runtime.getRuntime().halt(code);
    }
}
