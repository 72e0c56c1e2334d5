package xen2mx.launcher;

/**
 * The endpoints of a job's rendezvous service.
 *
 * @param tcp  the loopback TCP endpoint, always present.
 * @param unix the UNIX domain socket endpoint for ranks started through a launch agent, or null when no rank is.
 */
public record JobRendezvous(RendezvousPoint tcp, RendezvousPoint unix)
{
}
