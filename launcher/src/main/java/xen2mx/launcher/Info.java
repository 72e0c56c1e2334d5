package xen2mx.launcher;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code launcher/bin/x2mx-info [--json] [--mca KEY VALUE]...}: the {@code ompi_info} of this runtime
 * ({@link InfoFacts}): version, Java, the BTL modules and whether each can run here, every setting with its value
 * and source. Text for people; {@code --json}, one object whose keys and shapes are stable, for scripts. The live
 * counters of running xen2mx endpoints are {@code btl-xen2mx/bin/x2mx-info}'s.
 */
public final class Info
{
    private static final String USAGE = "usage: x2mx-info [--json] [--mca KEY VALUE]...";

    private Info()
    {
    }

    /** @param args see {@link #USAGE}. */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.getenv(), System.out));
    }

    static int run(final String[] args, final Map<String, String> env, final PrintStream out)
    {
        boolean json = false;
        final Map<String, String> mca = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--json" -> json = true;
                case "--mca" ->
                {
                    if (i + 2 >= args.length)
                    {
                        out.println(USAGE);
                        return ExitStatus.USAGE;
                    }
                    mca.put(args[i + 1], args[i + 2]);
                    i += 2;
                }
                case "-h", "--help" ->
                {
                    out.println(USAGE);
                    return ExitStatus.SUCCESS;
                }
                default ->
                {
                    out.println("x2mx-info: unknown option " + args[i]);
                    out.println(USAGE);
                    return ExitStatus.USAGE;
                }
            }
        }
        final Map<String, Object> report = InfoFacts.collect(env, mca);
        if (json)
        {
            out.println(Json.write(report));
        }
        else
        {
            text(report, out);
        }
        out.flush();
        return ExitStatus.SUCCESS;
    }

    @SuppressWarnings("unchecked")
    private static void text(final Map<String, Object> report, final PrintStream out)
    {
        final Map<String, Object> java = (Map<String, Object>)report.get("java");
        out.println("xen2mx-mpi " + report.get("version") + " on " + report.get("host"));
        out.println("Java " + java.get("version") + " (" + java.get("vendor") + ", " + java.get("home") + ")"
            + (Boolean.TRUE.equals(java.get("supported")) ? "" : ": too old, Java " + Preflight.MIN_JAVA
            + " or newer is needed"));
        out.println("BTL modules:");
        for (final Object o : (List<Object>)report.get("btl"))
        {
            final Map<String, Object> m = (Map<String, Object>)o;
            out.printf("  %-7s priority %-3s %s: %s%n", m.get("name"), m.get("priority"),
                Boolean.TRUE.equals(m.get("runs_here")) ? "runs here" : "cannot run here", m.get("why"));
            m.forEach((k, v) ->
            {
                if (v instanceof List<?> list)
                {
                    list.forEach(item -> out.println("          " + k + ": " + item));
                }
                else if (!List.of("name", "priority", "runs_here", "why").contains(k))
                {
                    out.println("          " + k + ": " + v);
                }
            });
        }
        out.println("Settings:");
        for (final Object o : (List<Object>)report.get("settings"))
        {
            final Map<String, Object> s = (Map<String, Object>)o;
            out.printf("  %-32s %-20s (%s) %s%n", s.get("name"), s.get("value"), s.get("source"), s.get("meaning"));
        }
    }
}
