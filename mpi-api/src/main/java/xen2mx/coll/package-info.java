/**
 * Collective algorithms of MPI over a narrow point-to-point interface, {@link xen2mx.coll.CollTransport}: one small
 * class per algorithm (binomial trees, van de Geijn broadcast, recursive doubling, Bruck, rings, pairwise
 * exchange), and {@link xen2mx.coll.CollectiveSelector}, which picks one by operation, message size and number of
 * ranks. Package {@code mpi} binds them to communicators; tests run them across threads.
 */
package xen2mx.coll;
