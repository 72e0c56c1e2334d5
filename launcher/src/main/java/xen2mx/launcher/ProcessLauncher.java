package xen2mx.launcher;

import java.io.IOException;

/** Starts rank processes; the local implementation forks, tests use an in-JVM fake. */
public interface ProcessLauncher
{
    /**
     * @param spec what to start.
     * @return the running process.
     * @throws IOException when it cannot be started (the message says why, e.g. no such file).
     */
    RankProcess start(RankLaunchSpec spec) throws IOException;
}
