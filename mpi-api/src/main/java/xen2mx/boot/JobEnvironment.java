package xen2mx.boot;

import java.util.Map;
import java.util.TreeMap;

/**
 * The environment {@code mpirun} gives every rank, by name, and its parsed form.
 *
 * <p>Contract: a process is part of a launched job exactly when {@link #RENDEZVOUS} is set; then every other
 * variable named here except {@link #VERBOSE} must be set and valid, or {@link #fromEnvironment(Map)} fails naming
 * the variable. {@code X2MX_MCA_<key>} variables are read with or without a launcher.
 *
 * @param jobId          the launcher's job id, safe to use in file names.
 * @param rank           this process's rank in MPI_COMM_WORLD, {@code 0 <= rank < size}.
 * @param size           the number of ranks in MPI_COMM_WORLD, {@code size >= 1}.
 * @param localRank      this process's rank among the job's ranks on this host, {@code 0 <= localRank < localSize}.
 * @param localSize      the number of the job's ranks on this host, {@code 1 <= localSize <= size}.
 * @param rendezvous     where the launcher's rendezvous service listens for this rank (TCP or UNIX socket).
 * @param token          the per-job secret the rank presents when it connects.
 */
public record JobEnvironment(String jobId, int rank, int size, int localRank, int localSize,
    RendezvousAddress rendezvous, String token)
{
    /** Job id, e.g. {@code 41237}. */
    public static final String JOB_ID = "X2MX_JOB_ID";
    /** Rank in MPI_COMM_WORLD. */
    public static final String RANK = "X2MX_COMM_WORLD_RANK";
    /** Size of MPI_COMM_WORLD. */
    public static final String SIZE = "X2MX_COMM_WORLD_SIZE";
    /** Rank among the job's ranks on this host. */
    public static final String LOCAL_RANK = "X2MX_COMM_WORLD_LOCAL_RANK";
    /** Number of the job's ranks on this host. */
    public static final String LOCAL_SIZE = "X2MX_COMM_WORLD_LOCAL_SIZE";
    /**
     * The launcher's rendezvous service: {@code host:port} (IPv6 hosts in brackets) or {@code unix:/path} for ranks
     * started through a launch agent into another network namespace; see {@link RendezvousAddress}.
     */
    public static final String RENDEZVOUS = "X2MX_RENDEZVOUS";
    /** The per-job secret a rank must present to the rendezvous service. */
    public static final String RENDEZVOUS_TOKEN = "X2MX_RENDEZVOUS_TOKEN";
    /** Verbosity from {@code mpirun -v} (1), {@code -vv} (2), ...; absent means 0. */
    public static final String VERBOSE = "X2MX_VERBOSE";
    /** Prefix of MCA parameters: {@code --mca btl self,tcp} becomes {@code X2MX_MCA_btl=self,tcp}. */
    public static final String MCA_PREFIX = "X2MX_MCA_";

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException when a field is out of its documented range.
     */
    public JobEnvironment
    {
        if (size < 1 || rank < 0 || rank >= size)
        {
            throw new IllegalArgumentException("rank " + rank + " is not in a world of size " + size);
        }
        if (localSize < 1 || localSize > size || localRank < 0 || localRank >= localSize)
        {
            throw new IllegalArgumentException("local rank " + localRank + " is not in a local world of size "
                + localSize);
        }
        if (rendezvous == null)
        {
            throw new IllegalArgumentException("no rendezvous address");
        }
    }

    /**
     * Reads a launched rank's environment.
     *
     * @param env the process environment, e.g. {@link System#getenv()}.
     * @return the parsed environment, or null when {@link #RENDEZVOUS} is not set (the process was not launched).
     * @throws IllegalStateException naming the variable when one is missing or malformed.
     */
    public static JobEnvironment fromEnvironment(final Map<String, String> env)
    {
        final String rendezvous = env.get(RENDEZVOUS);
        if (rendezvous == null)
        {
            return null;
        }
        try
        {
            return new JobEnvironment(
                required(env, JOB_ID),
                intValue(env, RANK),
                intValue(env, SIZE),
                intValue(env, LOCAL_RANK),
                intValue(env, LOCAL_SIZE),
                address(rendezvous),
                required(env, RENDEZVOUS_TOKEN));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalStateException("bad job environment: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param env the process environment.
     * @return every {@code X2MX_MCA_<key>} variable as {@code key -> value}, sorted by key.
     */
    public static Map<String, String> mcaParameters(final Map<String, String> env)
    {
        final Map<String, String> parameters = new TreeMap<>();
        for (final Map.Entry<String, String> e : env.entrySet())
        {
            if (e.getKey().startsWith(MCA_PREFIX) && e.getKey().length() > MCA_PREFIX.length())
            {
                parameters.put(e.getKey().substring(MCA_PREFIX.length()), e.getValue());
            }
        }
        return parameters;
    }

    /**
     * @param env the process environment.
     * @return the verbosity in {@link #VERBOSE}, or 0 when it is absent, negative or not a number.
     */
    public static int verbosity(final Map<String, String> env)
    {
        final String value = env.get(VERBOSE);
        if (value == null)
        {
            return 0;
        }
        try
        {
            return Math.max(0, Integer.parseInt(value.trim()));
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    /** @return the rendezvous service's address in the text form of {@link #RENDEZVOUS}. */
    public String rendezvousAddress()
    {
        return rendezvous.text();
    }

    /** @return the fields without the secret token, for logs. */
    @Override
    public String toString()
    {
        return "JobEnvironment[job=" + jobId + ", rank=" + rank + "/" + size + ", local=" + localRank + "/" + localSize
            + ", rendezvous=" + rendezvousAddress() + "]";
    }

    private static RendezvousAddress address(final String value)
    {
        try
        {
            return RendezvousAddress.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(RENDEZVOUS + ": " + ex.getMessage(), ex);
        }
    }

    private static String required(final Map<String, String> env, final String name)
    {
        final String value = env.get(name);
        if (value == null || value.isEmpty())
        {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    private static int intValue(final Map<String, String> env, final String name)
    {
        return parseInt(name, required(env, name));
    }

    private static int parseInt(final String name, final String value)
    {
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + "=" + value + " is not an integer", ex);
        }
    }
}
