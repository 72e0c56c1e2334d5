package xen2mx.bench;

import java.io.PrintStream;
import java.util.Map;

/**
 * The OMB startup benchmarks, {@code osu_init} and {@code osu_hello}: their title and the options they take
 * ({@code -h}, {@code -v}; anything else is a usage error, exit 1). Their output has no size rows:
 * <pre>
 *   # OSU MPI Init Test v7.3                      # OSU MPI Hello World Test v7.3
 *   # xen2mx-mpi 0.1.0, btl: self,tcp             # xen2mx-mpi 0.1.0, btl: self,tcp
 *   nprocs: 2, min: 143 ms, max: 151 ms, avg: 147 ms      This is a test with 2 processes
 * </pre>
 * (the second line is ours, as in every port).
 */
public enum StartupBenchmark
{
    /** {@code osu_init}: how long {@code MPI_Init} takes on each rank. */
    INIT("osu_init", "Init"),
    /** {@code osu_hello}: every rank initialises; rank 0 says how many there are. */
    HELLO("osu_hello", "Hello World");

    private final String command;
    private final String title;

    StartupBenchmark(final String command, final String title)
    {
        this.command = command;
        this.title = title;
    }

    /** @return the OMB program name */
    public String command()
    {
        return command;
    }

    /** @return the title line, e.g. {@code "# OSU MPI Init Test v7.3\n"} */
    public String titleLine()
    {
        return "# OSU MPI " + title + " Test v" + OmbReport.OMB_VERSION + "\n";
    }

    /** @return the help text */
    public String usage()
    {
        return "Usage: " + command + " [options]\nOptions:\n  -h, --help              print this help and exit\n"
            + "  -v, --version           print the benchmark title and version and exit\n";
    }

    /**
     * Handles the options on rank 0's behalf, as OMB does before measuring anything.
     *
     * @param args the user's arguments
     * @param root whether this is rank 0 (the only one that prints)
     * @param out  standard output
     * @param err  standard error
     * @return -1 to go on, else the exit status (0 after help or version, 1 after a usage error)
     */
    public int earlyExitStatus(final String[] args, final boolean root, final PrintStream out, final PrintStream err)
    {
        final GetOpt.Result r = new GetOpt(args, "+:hv", Map.of("help", 'h', "version", 'v')).next();
        switch (r.kind())
        {
            case END:
                return -1;
            case OPTION:
                print(root, out, r.option() == 'h' ? usage() : titleLine());
                return 0;
            default:
                print(root, err, "Invalid option [" + r.text() + "]\n\n");
                print(root, out, usage());
                return OmbDriver.EXIT_FAILURE;
        }
    }

    private static void print(final boolean root, final PrintStream out, final String text)
    {
        if (root)
        {
            out.print(text);
            out.flush();
        }
    }
}
