package xen2mx.boot;

/** What a rank does when its connection to the launcher breaks or goes silent. */
@FunctionalInterface
interface LauncherLossHandler
{
    /**
     * Called at most once per connection, from the reader or the watchdog thread.
     *
     * @param why what was observed, e.g. "connection closed" or "no heartbeat for 10 s".
     */
    void launcherLost(String why);
}
