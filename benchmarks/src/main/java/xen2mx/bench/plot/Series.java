package xen2mx.bench.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One result file as a plot series: its benchmark title, metric, unit, a label from the provenance and its
 * (size, average) points.
 *
 * @param title  the benchmark's title, e.g. {@code OSU MPI Latency Test v7.3}
 * @param metric {@code latency} or {@code bandwidth}
 * @param unit   {@code us} or {@code MB/s}
 * @param label  the legend text: runtime line, plus the xen2mx mode and host names when known
 * @param sizes  message sizes in bytes, ascending
 * @param values the averages, one per size
 * @param origin when and from which commit: {@code started @ commit} (first 10 hex digits), or what is known
 */
public record Series(String title, String metric, String unit, String label, long[] sizes, double[] values,
    String origin)
{
    /**
     * @param file a file written with {@code --format json} or {@code -o FILE.json}
     * @return its series
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not such a result
     */
    @SuppressWarnings("unchecked")
    public static Series read(final Path file) throws IOException
    {
        final Object root = JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (!(root instanceof Map<?, ?> doc) || !(doc.get("results") instanceof List<?> results))
        {
            throw new IllegalArgumentException(file + ": not a benchmark result (no results array)");
        }
        final Map<String, Object> provenance = doc.get("provenance") instanceof Map<?, ?> p
            ? (Map<String, Object>)p : Map.of();
        final List<Double> sizes = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        for (final Object o : results)
        {
            final Map<String, Object> r = (Map<String, Object>)o;
            if (r.get("avg") instanceof Double avg && r.get("size") instanceof Double size)
            {
                sizes.add(size);
                values.add(avg);
            }
        }
        final long[] s = sizes.stream().mapToLong(Double::longValue).toArray();
        final double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        return new Series(text(doc.get("title"), "?"), text(doc.get("metric"), "latency"), text(doc.get("unit"), ""),
            label(provenance), s, v, origin(provenance));
    }

    private static String origin(final Map<String, Object> provenance)
    {
        final String started = text(provenance.get("started"), "unknown time");
        final String commit = text(provenance.get("git_commit"), null);
        return commit == null ? started : started + " @ " + commit.substring(0, Math.min(10, commit.length()));
    }

    private static String label(final Map<String, Object> provenance)
    {
        final StringBuilder sb = new StringBuilder(text(provenance.get("runtime"), "unknown runtime"));
        if (provenance.get("mode") instanceof String mode)
        {
            sb.append(" (").append(mode).append(')');
        }
        if (provenance.get("hosts") instanceof List<?> hosts && !hosts.isEmpty())
        {
            sb.append(" on ").append(String.join(",", hosts.stream().map(String::valueOf).distinct().toList()));
        }
        return sb.toString();
    }

    private static String text(final Object value, final String otherwise)
    {
        return value instanceof String s ? s : otherwise;
    }

    /** @return whether the values are latencies (plotted on a log axis) */
    public boolean latency()
    {
        return "latency".equals(metric);
    }
}
