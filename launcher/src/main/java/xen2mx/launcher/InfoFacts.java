package xen2mx.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;

import xen2mx.boot.JobEnvironment;
import xen2mx.btl.BtlComponent;
import xen2mx.btl.mx.media.NetInterface;
import xen2mx.btl.mx.media.NetInterfaces;
import xen2mx.btl.mx.media.RawSocketChannel;

/**
 * What {@code x2mx-info} reports about this host, as ordered maps ready to print as text or JSON: the version, the
 * Java runtime, each BTL module with whether it can run here and why, and every setting with its value and where it
 * came from ({@code default}, {@code environment} or {@code command line}). Settings are the launcher's own and the
 * MCA parameters that are set; BTL parameters that are not set take their module's default, which the modules do
 * not publish yet.
 */
final class InfoFacts
{
    private InfoFacts()
    {
    }

    /**
     * @param env           the environment.
     * @param commandLineMca {@code --mca KEY VALUE} given to the tool, in order.
     * @return the report: {@code version}, {@code java}, {@code btl}, {@code settings}.
     */
    static Map<String, Object> collect(final Map<String, String> env, final Map<String, String> commandLineMca)
    {
        final Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", version());
        final Map<String, Object> java = new LinkedHashMap<>();
        java.put("version", Runtime.version().toString());
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("home", System.getProperty("java.home"));
        java.put("supported", Runtime.version().feature() >= Preflight.MIN_JAVA);
        report.put("java", java);
        report.put("host", LocalHost.name());
        final Map<String, String> mca = new TreeMap<>(JobEnvironment.mcaParameters(env));
        mca.putAll(commandLineMca);
        report.put("btl", modules(mca));
        report.put("settings", settings(env, commandLineMca));
        return report;
    }

    private static String version()
    {
        try (InputStream in = InfoFacts.class.getResourceAsStream("/META-INF/maven/io.xen2mx/launcher/pom.properties"))
        {
            if (in != null)
            {
                final Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        }
        catch (final IOException ignored)
        {
            // reported as unknown
        }
        return "unknown";
    }

    private static List<Object> modules(final Map<String, String> mca)
    {
        final List<BtlComponent> components = new ArrayList<>();
        ServiceLoader.load(BtlComponent.class, InfoFacts.class.getClassLoader()).forEach(components::add);
        components.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
        final List<Object> modules = new ArrayList<>();
        for (final BtlComponent c : components)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("priority", c.priority());
            switch (c.name())
            {
                case "self" -> status(m, true, "always (a rank to itself)");
                case "tcp" -> tcp(m);
                case "xen2mx" -> xen2mx(m, mca);
                default -> status(m, true, "no check known for this module");
            }
            modules.add(m);
        }
        return modules;
    }

    private static void tcp(final Map<String, Object> m)
    {
        final List<String> addresses = new ArrayList<>();
        try
        {
            for (final NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces()))
            {
                if (i.isUp())
                {
                    for (final InetAddress a : Collections.list(i.getInetAddresses()))
                    {
                        addresses.add(i.getName() + " " + a.getHostAddress());
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            addresses.add("cannot list interfaces: " + ex.getMessage());
        }
        m.put("addresses", addresses);
        status(m, !addresses.isEmpty(), addresses.isEmpty() ? "no interface is up" : "interfaces up");
    }

    private static void xen2mx(final Map<String, Object> m, final Map<String, String> mca)
    {
        final List<String> interfaces = new ArrayList<>();
        boolean usable = false;
        try
        {
            for (final NetInterface i : NetInterfaces.list())
            {
                if (i.ethernet() && !i.loopback())
                {
                    interfaces.add(i.describe());
                    usable |= i.usable();
                }
            }
        }
        catch (final RuntimeException ex)
        {
            interfaces.add("cannot list interfaces: " + ex.getMessage());
        }
        m.put("interfaces", interfaces);
        final String raw = RawSocketChannel.rawSocketProblem();
        m.put("raw_sockets", raw == null ? "ok" : raw);
        final String backend = mca.get(RankSpawner.BACKEND_PARAMETER);
        final String backendState = backend == null ? "not set (" + RankSpawner.BACKEND_PARAMETER + ")"
            : reachable(Path.of(backend));
        m.put("backend", backendState);
        final boolean paravirt = "paravirt".equals(mca.get("btl_xen2mx_mode"));
        if (paravirt)
        {
            status(m, backendState.equals("ok"), "paravirtual mode: backend " + backendState);
        }
        else
        {
            status(m, raw == null && usable, raw != null ? "native mode: " + raw
                : usable ? "native mode: raw sockets and an Ethernet interface up" : "native mode: no Ethernet "
                + "interface is up");
        }
    }

    private static String reachable(final Path socket)
    {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return "ok";
        }
        catch (final IOException ex)
        {
            return "unreachable at " + socket + " (" + ex.getMessage() + ")";
        }
    }

    private static void status(final Map<String, Object> m, final boolean runs, final String why)
    {
        m.put("runs_here", runs);
        m.put("why", why);
    }

    private static List<Object> settings(final Map<String, String> env, final Map<String, String> commandLineMca)
    {
        final List<Object> settings = new ArrayList<>();
        settings.add(launcherSetting(env, LaunchContext.TIMEOUT_ENV, "job time limit, seconds", "none"));
        settings.add(launcherSetting(env, LaunchContext.OVERSUBSCRIBE_ENV, "allow more ranks than slots", "0"));
        settings.add(setting("kill_grace", LaunchContext.KILL_GRACE.toMillis() + " ms", "default",
            "SIGTERM to SIGKILL at teardown"));
        settings.add(setting("heartbeat_interval", LaunchContext.HEARTBEAT_INTERVAL.toMillis() + " ms", "default",
            "launcher heartbeats; ranks end after 10 silent intervals"));
        settings.add(setting("preflight_time_limit", Preflight.TIME_LIMIT.toSeconds() + " s", "default",
            "checks of remote hosts"));
        settings.add(setting("ssh_connect_timeout", SshCommand.CONNECT_TIMEOUT_SECONDS + " s", "default",
            "ssh ConnectTimeout"));
        new TreeMap<>(JobEnvironment.mcaParameters(env)).forEach((k, v) -> settings.add(setting(k,
            commandLineMca.getOrDefault(k, v), commandLineMca.containsKey(k) ? "command line" : "environment",
            JobEnvironment.MCA_PREFIX + k)));
        commandLineMca.forEach((k, v) ->
        {
            if (!JobEnvironment.mcaParameters(env).containsKey(k))
            {
                settings.add(setting(k, v, "command line", "--mca " + k));
            }
        });
        return settings;
    }

    private static Map<String, Object> launcherSetting(final Map<String, String> env, final String name,
        final String meaning, final String defaultValue)
    {
        final String value = env.get(name);
        return setting(name, value == null ? defaultValue : value, value == null ? "default" : "environment",
            meaning);
    }

    private static Map<String, Object> setting(final String name, final String value, final String source,
        final String meaning)
    {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("value", value);
        s.put("source", source);
        s.put("meaning", meaning);
        return s;
    }
}
