package xen2mx.launcher;

import java.util.Map;

/**
 * One job, decided before any rank starts.
 *
 * @param options     the command line.
 * @param jobId       the job id (mpirun's pid).
 * @param size        the number of ranks, {@code == map.size()}.
 * @param mainClass   the resolved main class, or null with {@code -jar}.
 * @param rendezvous  the rendezvous service's endpoints and their secrets.
 * @param map         where each rank runs.
 * @param environment mpirun's environment.
 */
public record JobPlan(LaunchOptions options, String jobId, int size, String mainClass, JobRendezvous rendezvous,
    RankMap map, Map<String, String> environment)
{
    /** @throws IllegalArgumentException when the map does not place exactly {@code size} ranks. */
    public JobPlan
    {
        if (map.size() != size)
        {
            throw new IllegalArgumentException("the map places " + map.size() + " ranks, the job has " + size);
        }
    }

    /** @return the fields without the secrets, for logs. */
    @Override
    public String toString()
    {
        return "JobPlan[job=" + jobId + ", size=" + size + ", main=" + mainClass + ", rendezvous=" + rendezvous.tcp()
            + (rendezvous.unix() == null ? "" : " " + rendezvous.unix()) + "]";
    }
}
