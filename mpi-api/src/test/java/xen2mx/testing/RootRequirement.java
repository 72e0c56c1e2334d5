package xen2mx.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;

/**
 * Guards tests that need root powers (network namespaces, raw sockets, {@code tc}): they skip where those are
 * missing, and fail instead when CI asks for them, with environment {@code XEN2MX_REQUIRE_ROOT=1} or system property
 * {@code xen2mx.requireRoot=true} (the parent POM passes {@code -Dxen2mx.requireRoot=true} through).
 *
 * <p>"Root" means the effective capabilities {@code CAP_NET_ADMIN}, {@code CAP_SYS_ADMIN} and {@code CAP_NET_RAW}
 * (read from {@code /proc/self/status}), not uid 0: a root without them (a restricted container) cannot create
 * namespaces either.
 *
 * <pre>{@code
 * @BeforeAll
 * static void requireRoot()
 * {
 *     RootRequirement.require("ip", "tc");
 * }
 * }</pre>
 */
public final class RootRequirement
{
    /** Environment variable that turns a missing requirement into a failure when set to {@code 1}. */
    public static final String REQUIRE_ROOT_ENV = "XEN2MX_REQUIRE_ROOT";
    /** System property that turns a missing requirement into a failure when set to {@code true}. */
    public static final String REQUIRE_ROOT_PROPERTY = "xen2mx.requireRoot";

    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_NET_RAW = 13;
    private static final int CAP_SYS_ADMIN = 21;
    private static final List<String> TOOL_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private RootRequirement()
    {
    }

    /**
     * Skips the calling test (or fails it, when CI requires root) unless this process has the root capabilities and
     * every tool is found.
     *
     * @param tools programs the test runs, e.g. {@code "ip"}, {@code "tc"}, {@code "tcpdump"}; {@code ip} is always
     *              required.
     */
    public static void require(final String... tools)
    {
        final String missing = missing(tools);
        if (missing == null)
        {
            return;
        }
        if (isRequired())
        {
            throw new AssertionError("this test needs root but " + missing + "; CI requires it (" + REQUIRE_ROOT_ENV +
                "=1 or -D" + REQUIRE_ROOT_PROPERTY + "=true): run the build as root with iproute2 installed");
        }
        Assumptions.abort("skipped: " + missing + " (set " + REQUIRE_ROOT_ENV + "=1 to make this a failure)");
    }

    /**
     * Skips the calling test (or fails it, when CI requires root) unless the kernel has {@code tc netem}.
     *
     * @param hosts namespaces to try it in.
     */
    public static void requireNetem(final NetworkNamespaces hosts)
    {
        if (hosts.netemSupported())
        {
            return;
        }
        final String missing = "this kernel has no tc netem (built without CONFIG_NET_SCH_NETEM)";
        if (isRequired())
        {
            throw new AssertionError("this test needs " + missing + "; CI requires it (" + REQUIRE_ROOT_ENV + "=1)");
        }
        Assumptions.abort("skipped: " + missing);
    }

    /** @return true if CI asked that root tests fail rather than skip. */
    public static boolean isRequired()
    {
        return "1".equals(System.getenv(REQUIRE_ROOT_ENV)) ||
            "true".equalsIgnoreCase(System.getProperty(REQUIRE_ROOT_PROPERTY, "").trim());
    }

    /**
     * @param tools programs that must be found in the usual system directories or on {@code PATH}.
     * @return what is missing, as words for a message, or null if nothing is.
     */
    public static String missing(final String... tools)
    {
        final List<String> problems = new ArrayList<>();
        final long capabilities = effectiveCapabilities();
        final List<String> lacking = new ArrayList<>();
        if ((capabilities & (1L << CAP_NET_ADMIN)) == 0)
        {
            lacking.add("CAP_NET_ADMIN");
        }
        if ((capabilities & (1L << CAP_SYS_ADMIN)) == 0)
        {
            lacking.add("CAP_SYS_ADMIN");
        }
        if ((capabilities & (1L << CAP_NET_RAW)) == 0)
        {
            lacking.add("CAP_NET_RAW");
        }
        if (!lacking.isEmpty())
        {
            problems.add("this process lacks " + String.join(", ", lacking) + " (not root)");
        }
        final List<String> wanted = new ArrayList<>(List.of("ip"));
        for (final String tool : tools)
        {
            if (!wanted.contains(tool))
            {
                wanted.add(tool);
            }
        }
        for (final String tool : wanted)
        {
            if (findTool(tool) == null)
            {
                problems.add("'" + tool + "' is not installed");
            }
        }
        return problems.isEmpty() ? null : String.join(" and ", problems);
    }

    /**
     * @param tool a program name.
     * @return its path in a system directory or on {@code PATH}, or null.
     */
    public static Path findTool(final String tool)
    {
        final List<String> directories = new ArrayList<>(TOOL_DIRECTORIES);
        final String path = System.getenv("PATH");
        if (path != null)
        {
            directories.addAll(List.of(path.split(":")));
        }
        for (final String directory : directories)
        {
            if (!directory.isEmpty())
            {
                final Path candidate = Path.of(directory, tool);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static long effectiveCapabilities()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("CapEff:"))
                {
                    return Long.parseUnsignedLong(line.substring("CapEff:".length()).trim().toLowerCase(Locale.ROOT),
                        16);
                }
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            return 0;
        }
        return 0;
    }
}
