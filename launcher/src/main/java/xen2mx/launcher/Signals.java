package xen2mx.launcher;

import java.util.Map;

/**
 * Names of the signals that end processes, as Linux {@code strsignal} describes them, and how Java reports a
 * signal death ({@code 128 + n}).
 */
final class Signals
{
    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
        Map.entry(1, "Hangup"),
        Map.entry(2, "Interrupt"),
        Map.entry(3, "Quit"),
        Map.entry(4, "Illegal instruction"),
        Map.entry(5, "Trace/breakpoint trap"),
        Map.entry(6, "Aborted"),
        Map.entry(7, "Bus error"),
        Map.entry(8, "Floating point exception"),
        Map.entry(9, "Killed"),
        Map.entry(10, "User defined signal 1"),
        Map.entry(11, "Segmentation fault"),
        Map.entry(12, "User defined signal 2"),
        Map.entry(13, "Broken pipe"),
        Map.entry(14, "Alarm clock"),
        Map.entry(15, "Terminated"));

    private Signals()
    {
    }

    /**
     * @param status an exit status as Java reports it.
     * @return the signal number when the status is {@code 128 + n} for a known signal n, else 0.
     */
    static int signalOf(final int status)
    {
        return DESCRIPTIONS.containsKey(status - 128) ? status - 128 : 0;
    }

    /**
     * @param signal a signal number.
     * @return its description, e.g. "Killed".
     */
    static String describe(final int signal)
    {
        return DESCRIPTIONS.getOrDefault(signal, "signal " + signal);
    }
}
