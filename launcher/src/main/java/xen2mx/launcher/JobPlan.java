package xen2mx.launcher;

import java.util.Map;

/**
 * One job, decided before any rank starts.
 *
 * @param options     the command line.
 * @param jobId       the job id (mpirun's pid).
 * @param size        the number of ranks.
 * @param mainClass   the resolved main class, or null with {@code -jar}.
 * @param rendezvous  {@code host:port} of the rendezvous service.
 * @param token       the job's secret.
 * @param environment mpirun's environment.
 */
public record JobPlan(LaunchOptions options, String jobId, int size, String mainClass, String rendezvous,
    String token, Map<String, String> environment)
{
    /** @return the fields without the secret, for logs. */
    @Override
    public String toString()
    {
        return "JobPlan[job=" + jobId + ", size=" + size + ", main=" + mainClass + ", rendezvous=" + rendezvous + "]";
    }
}
