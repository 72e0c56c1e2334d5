/**
 * The rank side of a job's bootstrap: how a rank JVM started by {@code mpirun} learns its place in the job and
 * talks to the launcher before and after {@code MPI.Init}.
 *
 * <ul>
 *   <li>{@link xen2mx.boot.JobEnvironment}: the environment variables {@code mpirun} sets for every rank.</li>
 *   <li>{@link xen2mx.boot.JobBootstrap}: the connection to the launcher's rendezvous service (all-gather,
 *       abort, finalize), with a watchdog that ends the rank when the launcher disappears.</li>
 *   <li>{@link xen2mx.boot.RankMain}: the wrapper main class every rank runs; it connects first, then calls the
 *       user's {@code main} with the user's arguments unchanged.</li>
 *   <li>{@link xen2mx.boot.ControlFrameDescriptor} and {@link xen2mx.boot.ControlFrameCodec}: the wire format
 *       between a rank and the launcher.</li>
 * </ul>
 *
 * <p>This package depends on nothing but the JDK, so it can run before any other part of the runtime loads.
 */
package xen2mx.boot;
