package xen2mx.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The POSIX shell programs preflight runs on a remote host through ssh, and the parsing of their answer.
 *
 * <p>The probe writes one line per finding, {@code X2MX <key> <value>}, and {@code X2MX end} last (a missing end
 * means the session failed). Keys: {@code java} (the executable: mpirun's own path when it exists there, else the
 * PATH's), {@code javaversion} (the quoted version of {@code java -version}), {@code client} (mpirun's address as
 * the host sees it, from {@code SSH_CONNECTION}), {@code home}, {@code runtime} (a directory whose jars match this
 * runtime's SHA-256 sums: mpirun's own path, or the shipped copy), {@code wdir} (the working directory, absent when
 * an explicit {@code --wdir} is missing), {@code classpath-missing-N}, {@code backend-missing},
 * {@code backend-unset}.
 */
public final class PreflightProbe
{
    /** The probe's last line. */
    public static final String END = "X2MX end";
    private static final String PREFIX = "X2MX ";

    private PreflightProbe()
    {
    }

    /**
     * What every remote host must have.
     *
     * @param image         the runtime jars.
     * @param localJava     mpirun's own {@code java}, tried first on the host.
     * @param wdir          the working directory for ranks.
     * @param wdirExplicit  true when {@code --wdir} gave it (then it must exist); else the host's home is the
     *                      fallback.
     * @param classpath     absolute {@code -cp} and {@code -jar} entries that must exist on the host.
     * @param mode          the xen2mx BTL mode the user chose ({@code --mca btl_xen2mx_mode}), or null.
     * @param globalBackend {@code --mca btl_xen2mx_backend}, or null.
     */
    public record Request(RuntimeImage image, String localJava, String wdir, boolean wdirExplicit,
        List<String> classpath, String mode, String globalBackend)
    {
        /** Copies the list. */
        public Request
        {
            classpath = List.copyOf(classpath);
        }

        /**
         * @param host a host.
         * @return true when its ranks run the xen2mx BTL in paravirtual mode: the user chose it, or chose no mode
         *         and the host has a {@code backend=}.
         */
        public boolean paravirt(final HostEntry host)
        {
            return RankSpawner.PARAVIRT.equals(mode) || mode == null && host.backend() != null;
        }

        /**
         * @param host a host.
         * @return the backend socket its ranks use: its hostfile {@code backend=}, else the global parameter.
         */
        public String backendFor(final HostEntry host)
        {
            return host.backend() != null ? host.backend().toString() : globalBackend;
        }
    }

    /**
     * @param request what to check.
     * @param host    the host.
     * @return the remote command: {@code sh -c '<probe>'}.
     */
    public static String command(final Request request, final HostEntry host)
    {
        final String sums = RemoteShell.join(request.image().listing());
        final StringBuilder s = new StringBuilder();
        s.append("j=").append(RemoteShell.quote(request.localJava())).append('\n');
        s.append("if [ ! -x \"$j\" ]; then j=$(command -v java 2>/dev/null) || j=; fi\n");
        s.append("if [ -n \"$j\" ]; then echo \"X2MX java $j\"; ");
        s.append("v=$(\"$j\" -version 2>&1 | sed -n 's/.*version \"\\([^\"]*\\)\".*/\\1/p' | head -n 1); ");
        s.append("echo \"X2MX javaversion $v\"; fi\n");
        s.append("set -- $SSH_CONNECTION; echo \"X2MX client $1\"\n");
        s.append("echo \"X2MX home $HOME\"\n");
        s.append("for d in ").append(RemoteShell.quote(request.image().directory().toString())).append(" \"$HOME\"/")
            .append(RemoteShell.quote(request.image().cacheDirectory())).append("; do\n");
        s.append("  if [ -d \"$d\" ] && (cd \"$d\" && printf '%s\\n' ").append(sums)
            .append(" | sha256sum -c --status) 2>/dev/null; then echo \"X2MX runtime $d\"; break; fi\n");
        s.append("done\n");
        s.append("w=").append(RemoteShell.quote(request.wdir())).append('\n');
        s.append("if [ -d \"$w\" ]; then echo \"X2MX wdir $(cd \"$w\" && pwd)\"; ");
        if (!request.wdirExplicit())
        {
            s.append("else echo \"X2MX wdir $HOME\"; ");
        }
        s.append("fi\n");
        for (int i = 0; i < request.classpath().size(); i++)
        {
            final String entry = RemoteShell.quote(request.classpath().get(i));
            s.append("[ -e ").append(entry).append(" ] || echo \"X2MX classpath-missing-").append(i).append(' ')
                .append("\"").append(entry).append('\n');
        }
        if (request.paravirt(host))
        {
            final String backend = request.backendFor(host);
            if (backend == null)
            {
                s.append("echo \"X2MX backend-unset -\"\n");
            }
            else
            {
                final String b = RemoteShell.quote(backend);
                s.append("[ -S ").append(b).append(" ] || echo \"X2MX backend-missing \"").append(b).append('\n');
            }
        }
        s.append("echo \"").append(END).append("\"\n");
        return "sh -c " + RemoteShell.quote(s.toString());
    }

    /**
     * @param image the runtime.
     * @return the remote command that unpacks a tar of the jars from stdin into {@code ~/<cache directory>},
     *         atomically (a partial copy is never under the final name), and verifies the sums.
     */
    public static String unpackCommand(final RuntimeImage image)
    {
        final String verify = "printf '%s\\n' " + RemoteShell.join(image.listing()) + " | sha256sum -c --status";
        final String script = "d=\"$HOME\"/" + RemoteShell.quote(image.cacheDirectory()) + "\n"
            + "t=\"$d.partial.$$\"\n"
            + "rm -rf \"$t\" && mkdir -p \"$t\" && tar -xf - -C \"$t\" && (cd \"$t\" && " + verify + ") "
            + "|| { rm -rf \"$t\"; echo \"x2mx: unpacking into $t failed\" >&2; exit 1; }\n"
            + "mv -T \"$t\" \"$d\" 2>/dev/null || rm -rf \"$t\"\n"
            + "(cd \"$d\" && " + verify + ") || { echo \"x2mx: $d does not hold this runtime\" >&2; exit 1; }\n";
        return "sh -c " + RemoteShell.quote(script);
    }

    /**
     * @param stdout the probe's output.
     * @return its findings, key to value, in order (later duplicates win).
     */
    public static Map<String, String> parse(final String stdout)
    {
        final Map<String, String> found = new LinkedHashMap<>();
        for (final String line : stdout.split("\r?\n"))
        {
            if (line.startsWith(PREFIX))
            {
                final String rest = line.substring(PREFIX.length());
                final int space = rest.indexOf(' ');
                found.put(space < 0 ? rest : rest.substring(0, space), space < 0 ? "" : rest.substring(space + 1));
            }
        }
        return found;
    }
}
