package xen2mx.bench.plot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code benchmarks/bin/x2mx-plot [-o PREFIX] RESULT.json...}: one chart per metric found among the files (latency,
 * bandwidth), each written as {@code PREFIX-latency.png} and {@code .svg} (and {@code -bandwidth}), one series per
 * file, titled from the results' provenance. {@code PREFIX} defaults to the first file's path without
 * {@code .json}. Prints the files written; exit 1 on a usage error or an unreadable result.
 */
public final class PlotMain
{
    private PlotMain()
    {
    }

    /**
     * @param args the command line
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args the command line
     * @param out  where the written files are listed
     * @param err  where errors go
     * @return the exit status
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        String prefix = null;
        final List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            if ("-o".equals(args[i]) && i + 1 < args.length)
            {
                prefix = args[++i];
            }
            else if (args[i].startsWith("-"))
            {
                err.println("usage: x2mx-plot [-o PREFIX] RESULT.json...");
                return 1;
            }
            else
            {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty())
        {
            err.println("usage: x2mx-plot [-o PREFIX] RESULT.json...");
            return 1;
        }
        try
        {
            final Map<String, List<Series>> byMetric = new LinkedHashMap<>();
            for (final Path f : files)
            {
                final Series s = Series.read(f);
                byMetric.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(s);
            }
            final String stem = prefix != null ? prefix
                : files.get(0).toString().replaceFirst("\\.json$", "");
            for (final Map.Entry<String, List<Series>> e : byMetric.entrySet())
            {
                for (final Path written : write(Path.of(stem + "-" + e.getKey()), e.getValue()))
                {
                    out.println(written);
                }
            }
            return 0;
        }
        catch (final IOException | IllegalArgumentException e)
        {
            err.println("x2mx-plot: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Renders one chart as PNG and SVG.
     *
     * @param base   the path without extension
     * @param series the series, all of one metric
     * @return the two files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(final Path base, final List<Series> series) throws IOException
    {
        final String title = String.join(" / ", new LinkedHashSet<>(series.stream().map(Series::title).toList()));
        final String subtitle = series.size() == 1 ? series.get(0).origin()
            : series.size() + " runs: " + String.join("; ", new LinkedHashSet<>(series.stream().map(Series::origin)
                .toList()));
        final Path png = base.resolveSibling(base.getFileName() + ".png");
        final Path svg = base.resolveSibling(base.getFileName() + ".svg");
        final PngCanvas image = new PngCanvas(ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
        ChartRenderer.render(image, title, subtitle, series);
        image.save(png);
        final SvgCanvas vector = new SvgCanvas(ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
        ChartRenderer.render(vector, title, subtitle, series);
        Files.writeString(svg, vector.document(), StandardCharsets.UTF_8);
        return List.of(png, svg);
    }
}
