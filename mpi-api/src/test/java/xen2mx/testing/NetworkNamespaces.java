package xen2mx.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Hosts" for root tests: N fresh network namespaces, each with one veth named {@link #INTERFACE_NAME}, joined
 * directly (two hosts) or through a bridge living in its own switch namespace (any number), all links up, with the
 * MTU asked for (9000 by default), IPv4 addresses {@code SUBNET.(i+1)/24} and no IPv6 chatter (no link-local
 * addresses, so captures show only the traffic a test makes).
 *
 * <p>Nothing is created in the caller's namespace: the veths are created directly inside the test's namespaces, so
 * concurrent tests never collide (names are a prefix plus a random suffix) and closing deletes exactly what this
 * instance created: its namespaces, and with them their veths and bridge. Creation that fails half-way deletes what
 * it made before throwing; a shutdown hook deletes everything if the JVM exits without {@link #close()}.
 *
 * <pre>{@code
 * RootRequirement.require();
 * try (NetworkNamespaces hosts = NetworkNamespaces.builder().hosts(2).mtu(1500).create())
 * {
 *     hosts.run(0, "ping", "-c", "1", hosts.ipv4Address(1)).checked();
 *     hosts.netem(1, Netem.none().loss(5).delay(Duration.ofMillis(1)));
 *     Process rank = hosts.processBuilder(1, List.of("java", "-cp", cp, "Main")).start();
 * }
 * }</pre>
 *
 * <p>Every command runs with a timeout ({@link Builder#commandTimeout}, 10 s by default); a command that overruns is
 * killed and reported. Not thread-safe: one test thread configures it (reading the accessors from any thread is fine
 * once created).
 */
public final class NetworkNamespaces implements AutoCloseable
{
    /** The veth's name inside every host namespace. */
    public static final String INTERFACE_NAME = "mx0";
    /** The MTU when none is given: Open-MX's default. */
    public static final int DEFAULT_MTU = 9000;
    /** The first three octets of the hosts' IPv4 addresses when none are given. */
    public static final String DEFAULT_SUBNET = "10.134.223";
    /** The name prefix when none is given. */
    public static final String DEFAULT_PREFIX = "x2mx";

    private static final Path NETNS_DIRECTORY = Path.of("/run/netns");
    private static final Pattern LINK_LINE = Pattern.compile("^(\\d+): ([^:@]+)[:@].*link/ether ([0-9a-f:]{17})");
    private static final int DELETE_ATTEMPTS = 3;
    private static final String NETEM_MISSING = "tc netem is not available: this kernel was built without " +
        "CONFIG_NET_SCH_NETEM (module sch_netem)";

    private final String baseName;
    private final List<String> hostNames;
    private final String switchName;
    private final int mtu;
    private final String subnet;
    private final Duration commandTimeout;
    private final List<String> created = new ArrayList<>();
    private final List<String> macAddresses = new ArrayList<>();
    private final List<Integer> ifindexes = new ArrayList<>();
    private final Thread cleanupHook;
    private boolean closed;
    private Boolean netemSupported;

    private NetworkNamespaces(final Builder builder)
    {
        this.baseName = uniqueBaseName(builder.prefix);
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < builder.hosts; i++)
        {
            names.add(baseName + "-h" + i);
        }
        this.hostNames = Collections.unmodifiableList(names);
        this.switchName = builder.bridged() ? baseName + "-sw" : null;
        this.mtu = builder.mtu;
        this.subnet = builder.subnet;
        this.commandTimeout = builder.commandTimeout;
        this.cleanupHook = new Thread(this::deleteCreated, "delete " + baseName);
    }

    /** @return a builder for two directly joined hosts at MTU 9000, to be changed. */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @param hosts how many namespaces, at least 1.
     * @return that many hosts at MTU 9000, joined directly if two, else by a bridge.
     */
    public static NetworkNamespaces create(final int hosts)
    {
        return builder().hosts(hosts).create();
    }

    /** @return how many hosts. */
    public int size()
    {
        return hostNames.size();
    }

    /** @param host index from 0. @return the namespace's name, for {@code ip netns exec} and hostfiles. */
    public String name(final int host)
    {
        return hostNames.get(host);
    }

    /** @return every host namespace's name, in index order. */
    public List<String> names()
    {
        return hostNames;
    }

    /** @return the veth's name inside each host, {@link #INTERFACE_NAME}. */
    public String interfaceName()
    {
        return INTERFACE_NAME;
    }

    /** @return the MTU of every link. */
    public int mtu()
    {
        return mtu;
    }

    /** @param host index from 0. @return its IPv4 address without prefix length, e.g. {@code 10.134.223.1}. */
    public String ipv4Address(final int host)
    {
        checkHost(host);
        return subnet + "." + (host + 1);
    }

    /** @param host index from 0. @return the MAC address of its veth, {@code aa:bb:cc:dd:ee:ff}. */
    public String macAddress(final int host)
    {
        return macAddresses.get(host);
    }

    /** @param host index from 0. @return the ifindex of its veth inside its namespace. */
    public int ifindex(final int host)
    {
        return ifindexes.get(host);
    }

    /** @return true if the hosts are joined by a bridge in a switch namespace rather than directly. */
    public boolean bridged()
    {
        return switchName != null;
    }

    /**
     * Runs a command inside a host with the default timeout.
     *
     * @param host    index from 0.
     * @param command the program and its arguments.
     * @return how it ended (see {@link CommandResult#checked()}).
     * @throws IllegalStateException if it ran out of time (it is killed) or could not start.
     */
    public CommandResult run(final int host, final String... command)
    {
        return run(host, commandTimeout, List.of(command));
    }

    /**
     * @param host    index from 0.
     * @param timeout how long the command may run before it is killed.
     * @param command the program and its arguments.
     * @return how it ended.
     * @throws IllegalStateException if it ran out of time (it is killed) or could not start.
     */
    public CommandResult run(final int host, final Duration timeout, final List<String> command)
    {
        return Commands.run(inside(host, command), null, timeout);
    }

    /**
     * @param host    index from 0.
     * @param command the program and its arguments.
     * @return a builder that starts {@code command} inside the host ({@code ip netns exec NAME command...}); the
     * caller owns the process, its streams and its end.
     */
    public ProcessBuilder processBuilder(final int host, final List<String> command)
    {
        return new ProcessBuilder(inside(host, command));
    }

    /**
     * @param host      index from 0.
     * @param mainClass a class on this JVM's class path with a {@code main} method.
     * @param arguments its arguments.
     * @return a builder that starts a child JVM inside the host, with this JVM's java and class path.
     */
    public ProcessBuilder javaProcessBuilder(final int host, final Class<?> mainClass, final String... arguments)
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(arguments));
        return processBuilder(host, command);
    }

    /**
     * Sets (replacing any earlier one) a {@code tc netem} qdisc on the egress of a host's veth: frames that host
     * sends suffer it. Needs {@code tc}.
     *
     * @param host  index from 0.
     * @param netem the faults.
     * @throws UnsupportedOperationException if the kernel has no netem (see {@link #netemSupported()}).
     */
    public void netem(final int host, final Netem netem)
    {
        final List<String> command = new ArrayList<>(List.of(tool("tc"), "-n", name(host), "qdisc", "replace", "dev",
            INTERFACE_NAME, "root", "netem"));
        command.addAll(netem.arguments());
        final CommandResult result = Commands.run(command, null, commandTimeout);
        if (!result.succeeded() && result.stderr().contains("qdisc kind is unknown"))
        {
            throw new UnsupportedOperationException(NETEM_MISSING);
        }
        result.checked();
    }

    /**
     * @return true if this kernel has {@code tc netem} (tried once on host 0's loopback, then cached); false if it
     * was built without {@code CONFIG_NET_SCH_NETEM}.
     */
    public boolean netemSupported()
    {
        if (netemSupported == null)
        {
            final CommandResult added = Commands.run(List.of(tool("tc"), "-n", name(0), "qdisc", "add", "dev", "lo",
                "root", "netem"), null, commandTimeout);
            if (added.succeeded())
            {
                Commands.run(List.of(tool("tc"), "-n", name(0), "qdisc", "del", "dev", "lo", "root"), null,
                    commandTimeout).checked();
            }
            else if (!added.stderr().contains("qdisc kind is unknown"))
            {
                added.checked();
            }
            netemSupported = added.succeeded();
        }
        return netemSupported;
    }

    /** @param host index from 0; removes its netem qdisc if it has one. */
    public void clearNetem(final int host)
    {
        final CommandResult result = Commands.run(List.of(tool("tc"), "-n", name(host), "qdisc", "del", "dev",
            INTERFACE_NAME, "root"), null, commandTimeout);
        if (!result.succeeded() && !result.stderr().contains("No such file") &&
            !result.stderr().toLowerCase(Locale.ROOT).contains("cannot delete qdisc with handle of zero"))
        {
            result.checked();
        }
    }

    /**
     * Writes an Open MPI style hostfile naming the host namespaces, for the launcher's
     * {@code --launch-agent "ip netns exec"}.
     *
     * @param file  where to write.
     * @param slots slots per host.
     * @return {@code file}.
     * @throws IOException if it cannot be written.
     */
    public Path writeHostfile(final Path file, final int slots) throws IOException
    {
        final StringBuilder text = new StringBuilder();
        for (final String name : hostNames)
        {
            text.append(name).append(" slots=").append(slots).append('\n');
        }
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Deletes every namespace this instance created (and so its veths and bridge); idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        }
        catch (final IllegalStateException ex)
        {
            return; // the JVM is exiting: the hook deletes them
        }
        final String left = deleteCreated();
        if (left != null)
        {
            throw new IllegalStateException(left);
        }
    }

    @Override
    public String toString()
    {
        return "NetworkNamespaces" + hostNames + (bridged() ? " bridged in " + switchName : " paired") + ", MTU " +
            mtu;
    }

    private NetworkNamespaces build()
    {
        Runtime.getRuntime().addShutdownHook(cleanupHook);
        try
        {
            createAll();
            return this;
        }
        catch (final RuntimeException | Error ex)
        {
            try
            {
                close();
            }
            catch (final RuntimeException cleanup)
            {
                ex.addSuppressed(cleanup);
            }
            throw ex;
        }
    }

    private void createAll()
    {
        final String ip = tool("ip");
        final List<String> all = new ArrayList<>(hostNames);
        if (switchName != null)
        {
            all.add(switchName);
        }
        for (final String name : all)
        {
            created.add(name); // before creating: deleting a namespace that does not exist is harmless
            Commands.run(List.of(ip, "netns", "add", name), null, commandTimeout).checked();
        }
        final StringBuilder links = new StringBuilder();
        final String common = " mtu " + mtu;
        if (switchName == null && hostNames.size() == 2)
        {
            links.append("link add ").append(INTERFACE_NAME).append(common).append(" netns ").append(hostNames.get(0))
                .append(" type veth peer name ").append(INTERFACE_NAME).append(common).append(" netns ")
                .append(hostNames.get(1)).append('\n');
        }
        else if (switchName != null)
        {
            for (int i = 0; i < hostNames.size(); i++)
            {
                links.append("link add ").append(INTERFACE_NAME).append(common).append(" netns ")
                    .append(hostNames.get(i)).append(" type veth peer name p").append(i).append(common)
                    .append(" netns ").append(switchName).append('\n');
            }
        }
        if (links.length() > 0)
        {
            Commands.run(List.of(ip, "-batch", "-"), links.toString(), commandTimeout).checked();
        }
        if (switchName != null)
        {
            final StringBuilder bridge = new StringBuilder("link add br0" + common + " type bridge stp_state 0\n" +
                "link set br0 addrgenmode none\n");
            for (int i = 0; i < hostNames.size(); i++)
            {
                bridge.append("link set p").append(i).append(" addrgenmode none\n");
                bridge.append("link set p").append(i).append(" master br0 up\n");
            }
            bridge.append("link set br0 up\n");
            Commands.run(List.of(ip, "-n", switchName, "-batch", "-"), bridge.toString(), commandTimeout).checked();
        }
        for (int i = 0; i < hostNames.size(); i++)
        {
            final String host = "link set lo up\n" + (hasLinks() ? "link set " + INTERFACE_NAME + " addrgenmode none\n" +
                "link set " + INTERFACE_NAME + " up\n" +
                "addr add " + ipv4Address(i) + "/24 dev " + INTERFACE_NAME + "\n" : "");
            Commands.run(List.of(ip, "-n", hostNames.get(i), "-batch", "-"), host, commandTimeout).checked();
            readLink(i);
        }
    }

    private void readLink(final int host)
    {
        if (!hasLinks())
        {
            macAddresses.add(null);
            ifindexes.add(0);
            return;
        }
        final CommandResult shown = Commands.run(List.of(tool("ip"), "-o", "-n", hostNames.get(host), "link", "show",
            "dev", INTERFACE_NAME), null, commandTimeout).checked();
        final Matcher matcher = LINK_LINE.matcher(shown.stdout().trim());
        if (!matcher.find())
        {
            throw new IllegalStateException("cannot read the veth of " + hostNames.get(host) + " from: " +
                shown.stdout());
        }
        ifindexes.add(Integer.parseInt(matcher.group(1)));
        macAddresses.add(matcher.group(3));
    }

    /** @return null when every namespace created is gone, else what is left and why. */
    private synchronized String deleteCreated()
    {
        final List<String> remaining = new ArrayList<>(created);
        String lastError = "";
        for (int attempt = 0; attempt < DELETE_ATTEMPTS && !remaining.isEmpty(); attempt++)
        {
            final StringBuilder batch = new StringBuilder();
            for (final String name : remaining)
            {
                batch.append("netns del ").append(name).append('\n');
            }
            try
            {
                final CommandResult result = Commands.run(List.of(tool("ip"), "-force", "-batch", "-"),
                    batch.toString(), commandTimeout);
                lastError = result.stderr().trim();
            }
            catch (final IllegalStateException ex)
            {
                lastError = ex.getMessage();
            }
            remaining.removeIf(name -> !Files.exists(NETNS_DIRECTORY.resolve(name)));
        }
        created.retainAll(remaining);
        return remaining.isEmpty() ? null : "could not delete namespaces " + remaining + ": " + lastError;
    }

    private List<String> inside(final int host, final List<String> command)
    {
        checkHost(host);
        final List<String> full = new ArrayList<>(List.of(tool("ip"), "netns", "exec", hostNames.get(host)));
        full.addAll(command);
        return full;
    }

    private boolean hasLinks()
    {
        return switchName != null || hostNames.size() == 2;
    }

    private void checkHost(final int host)
    {
        if (host < 0 || host >= hostNames.size())
        {
            throw new IndexOutOfBoundsException("host " + host + " of " + hostNames.size());
        }
    }

    private static String tool(final String name)
    {
        final Path path = RootRequirement.findTool(name);
        return path == null ? name : path.toString();
    }

    private static String uniqueBaseName(final String prefix)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final String candidate = String.format(Locale.ROOT, "%s-%06x", prefix,
                ThreadLocalRandom.current().nextInt(1 << 24));
            if (!Files.exists(NETNS_DIRECTORY.resolve(candidate + "-h0")) &&
                !Files.exists(NETNS_DIRECTORY.resolve(candidate + "-sw")))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("no free namespace name with prefix " + prefix);
    }

    /** Chooses the hosts; {@link #create()} makes them. */
    public static final class Builder
    {
        private int hosts = 2;
        private int mtu = DEFAULT_MTU;
        private String prefix = DEFAULT_PREFIX;
        private String subnet = DEFAULT_SUBNET;
        private Boolean bridge;
        private Duration commandTimeout = Duration.ofSeconds(10);

        private Builder()
        {
        }

        /** @param count hosts, 1 to 250. @return this */
        public Builder hosts(final int count)
        {
            if (count < 1 || count > 250)
            {
                throw new IllegalArgumentException("hosts out of [1, 250]: " + count);
            }
            hosts = count;
            return this;
        }

        /** @param value the MTU of every link, 68 to 65535 (veth's range). @return this */
        public Builder mtu(final int value)
        {
            if (value < 68 || value > 65535)
            {
                throw new IllegalArgumentException("MTU out of [68, 65535]: " + value);
            }
            mtu = value;
            return this;
        }

        /** @param value letters, digits and '-', up to 12 characters; a random suffix follows. @return this */
        public Builder prefix(final String value)
        {
            if (!value.matches("[A-Za-z0-9-]{1,12}"))
            {
                throw new IllegalArgumentException("prefix must be 1 to 12 letters, digits or '-': " + value);
            }
            prefix = value;
            return this;
        }

        /** @param firstThreeOctets e.g. {@code 10.1.2}: host i gets {@code 10.1.2.(i+1)/24}. @return this */
        public Builder subnet(final String firstThreeOctets)
        {
            if (!firstThreeOctets.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"))
            {
                throw new IllegalArgumentException("subnet must be three octets like 10.1.2: " + firstThreeOctets);
            }
            subnet = firstThreeOctets;
            return this;
        }

        /**
         * @param value true: a bridge in a switch namespace joins the hosts; false: a veth pair joins exactly two
         *              hosts. Unset: direct for two hosts, bridged otherwise.
         * @return this
         */
        public Builder bridge(final boolean value)
        {
            bridge = value;
            return this;
        }

        /** @param value how long each command may run. @return this */
        public Builder commandTimeout(final Duration value)
        {
            if (value.isNegative() || value.isZero())
            {
                throw new IllegalArgumentException("timeout must be positive: " + value);
            }
            commandTimeout = value;
            return this;
        }

        /**
         * @return the created hosts; close them.
         * @throws IllegalStateException if a step failed (what was created is deleted first).
         */
        public NetworkNamespaces create()
        {
            if (Boolean.FALSE.equals(bridge) && hosts != 2)
            {
                throw new IllegalArgumentException("without a bridge exactly two hosts are joined, not " + hosts);
            }
            return new NetworkNamespaces(this).build();
        }

        boolean bridged()
        {
            return bridge != null ? bridge : hosts > 2;
        }
    }

    /** Runs a command with a timeout, its output in temporary files (no reader threads, no pipe deadlock). */
    static final class Commands
    {
        private Commands()
        {
        }

        static CommandResult run(final List<String> command, final String stdin, final Duration timeout)
        {
            Path out = null;
            Path err = null;
            Process process = null;
            try
            {
                out = Files.createTempFile("x2mx-cmd", ".out");
                err = Files.createTempFile("x2mx-cmd", ".err");
                process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
                try (OutputStream input = process.getOutputStream())
                {
                    if (stdin != null)
                    {
                        input.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                {
                    throw new IllegalStateException("'" + String.join(" ", command) + "' ran longer than " +
                        timeout.toMillis() + " ms and was killed");
                }
                return new CommandResult(command, process.exitValue(), Files.readString(out), Files.readString(err));
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("cannot run '" + String.join(" ", command) + "': " + ex.getMessage(),
                    ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running '" + String.join(" ", command) + "'", ex);
            }
            finally
            {
                if (process != null && process.isAlive())
                {
                    process.destroyForcibly();
                    awaitQuietly(process);
                }
                deleteQuietly(out);
                deleteQuietly(err);
            }
        }

        private static void awaitQuietly(final Process process)
        {
            try
            {
                process.waitFor(1, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        private static void deleteQuietly(final Path file)
        {
            if (file != null)
            {
                try
                {
                    Files.deleteIfExists(file);
                }
                catch (final IOException ignored)
                {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
