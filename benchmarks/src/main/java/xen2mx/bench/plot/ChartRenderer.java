package xen2mx.bench.plot;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * Draws one chart of result series on a {@link Canvas}: message size on a log2 x axis (size 0 cannot be placed and
 * is left out), latency on a log10 y axis or bandwidth on a linear one from 0, one coloured line with dots per
 * series, a legend in the top-left corner of the plot area, the title and a subtitle above.
 * <pre>
 *   +--------------------------------------------------+
 *   |                 title / subtitle                 |   TOP = 70
 *   |   +------------------------------------------+   |
 *   | y | legend                                   |   |
 *   |   |                 plot area                |   |
 *   |   +------------------------------------------+   |   height - BOTTOM
 *   |   1   4   16  64  256  1K  4K ... (bytes)        |
 *   +--------------------------------------------------+
 *   LEFT = 90                               width - RIGHT (30)
 * </pre>
 */
public final class ChartRenderer
{
    /** Default image width in pixels. */
    public static final int WIDTH = 960;
    /** Default image height in pixels. */
    public static final int HEIGHT = 600;

    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final int MAX_X_LABELS = 12;
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    private static final Color MINOR_GRID = new Color(0xf0, 0xf0, 0xf0);
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private ChartRenderer()
    {
    }

    /**
     * @param canvas   where to draw
     * @param title    the title line
     * @param subtitle the line under it
     * @param series   the series, all of one metric
     */
    public static void render(final Canvas canvas, final String title, final String subtitle,
        final List<Series> series)
    {
        final double x0 = LEFT;
        final double x1 = canvas.width() - RIGHT;
        final double y0 = canvas.height() - BOTTOM;
        final double y1 = TOP;
        canvas.rect(0, 0, canvas.width(), canvas.height(), Color.WHITE, null);
        canvas.text(title, canvas.width() / 2.0, 30, Canvas.Anchor.MIDDLE, 18, INK, false);
        canvas.text(subtitle, canvas.width() / 2.0, 52, Canvas.Anchor.MIDDLE, 12, Color.DARK_GRAY, false);
        final boolean logY = series.get(0).latency();
        final double[] xRange = xRange(series);
        final double[] yRange = logY ? logYRange(series) : linearYRange(series);
        final Scale x = new Scale(xRange[0], xRange[1], x0, x1);
        final Scale y = new Scale(yRange[0], yRange[1], y0, y1);
        drawXAxis(canvas, x, y0, y1);
        if (logY)
        {
            drawLogYAxis(canvas, y, x0, x1);
        }
        else
        {
            drawLinearYAxis(canvas, y, yRange[2], x0, x1);
        }
        canvas.rect(x0, y1, x1 - x0, y0 - y1, null, INK);
        canvas.text("Message size (bytes, log2 scale)", (x0 + x1) / 2, canvas.height() - 20, Canvas.Anchor.MIDDLE,
            13, INK, false);
        final Series first = series.get(0);
        canvas.text((logY ? "Latency" : "Bandwidth") + " (" + first.unit() + (logY ? ", log scale)" : ")"), 24,
            (y0 + y1) / 2, Canvas.Anchor.MIDDLE, 13, INK, true);
        for (int i = 0; i < series.size(); i++)
        {
            drawSeries(canvas, series.get(i), PALETTE[i % PALETTE.length], x, y, logY);
        }
        drawLegend(canvas, series, x0 + 12, y1 + 12);
    }

    private static void drawSeries(final Canvas canvas, final Series s, final Color colour, final Scale x,
        final Scale y, final boolean logY)
    {
        final int n = plottable(s, logY);
        final double[] xs = new double[n];
        final double[] ys = new double[n];
        int k = 0;
        for (int i = 0; i < s.sizes().length; i++)
        {
            if (s.sizes()[i] > 0 && (!logY || s.values()[i] > 0))
            {
                xs[k] = x.at(log2(s.sizes()[i]));
                ys[k] = y.at(logY ? Math.log10(s.values()[i]) : s.values()[i]);
                k++;
            }
        }
        canvas.polyline(xs, ys, colour, 2);
        for (int i = 0; i < n; i++)
        {
            canvas.dot(xs[i], ys[i], 3, colour);
        }
    }

    private static int plottable(final Series s, final boolean logY)
    {
        int n = 0;
        for (int i = 0; i < s.sizes().length; i++)
        {
            if (s.sizes()[i] > 0 && (!logY || s.values()[i] > 0))
            {
                n++;
            }
        }
        return n;
    }

    private static void drawLegend(final Canvas canvas, final List<Series> series, final double left,
        final double top)
    {
        double widest = 0;
        for (final Series s : series)
        {
            widest = Math.max(widest, s.label().length() * 6.6);
        }
        canvas.rect(left, top, widest + 46, series.size() * 18 + 10, Color.WHITE, GRID);
        for (int i = 0; i < series.size(); i++)
        {
            final double y = top + 19 + i * 18;
            final Color c = PALETTE[i % PALETTE.length];
            canvas.line(left + 8, y - 4, left + 32, y - 4, c, 2);
            canvas.dot(left + 20, y - 4, 3, c);
            canvas.text(series.get(i).label(), left + 38, y, Canvas.Anchor.START, 12, INK, false);
        }
    }

    private static void drawXAxis(final Canvas canvas, final Scale x, final double bottom, final double top)
    {
        final int from = (int)Math.round(x.min);
        final int to = (int)Math.round(x.max);
        final int every = Math.max(1, (int)Math.ceil((to - from + 1) / (double)MAX_X_LABELS));
        for (int e = from; e <= to; e++)
        {
            final double px = x.at(e);
            canvas.line(px, bottom, px, top, GRID, 1);
            if ((e - from) % every == 0)
            {
                canvas.line(px, bottom, px, bottom + 5, INK, 1);
                canvas.text(bytes(e), px, bottom + 20, Canvas.Anchor.MIDDLE, 12, INK, false);
            }
        }
    }

    private static void drawLogYAxis(final Canvas canvas, final Scale y, final double left, final double right)
    {
        for (int d = (int)Math.round(y.min); d <= (int)Math.round(y.max); d++)
        {
            for (final int m : new int[] {2, 5})
            {
                final double v = d + Math.log10(m);
                if (v < y.max)
                {
                    canvas.line(left, y.at(v), right, y.at(v), MINOR_GRID, 1);
                }
            }
            final double py = y.at(d);
            canvas.line(left, py, right, py, GRID, 1);
            canvas.line(left - 5, py, left, py, INK, 1);
            canvas.text(number(Math.pow(10, d)), left - 8, py + 4, Canvas.Anchor.END, 12, INK, false);
        }
    }

    private static void drawLinearYAxis(final Canvas canvas, final Scale y, final double step, final double left,
        final double right)
    {
        for (double v = 0; v <= y.max + step / 2; v += step)
        {
            final double py = y.at(v);
            canvas.line(left, py, right, py, GRID, 1);
            canvas.line(left - 5, py, left, py, INK, 1);
            canvas.text(number(v), left - 8, py + 4, Canvas.Anchor.END, 12, INK, false);
        }
    }

    private static double[] xRange(final List<Series> series)
    {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (final Series s : series)
        {
            for (final long size : s.sizes())
            {
                if (size > 0)
                {
                    lo = Math.min(lo, Math.floor(log2(size)));
                    hi = Math.max(hi, Math.ceil(log2(size)));
                }
            }
        }
        if (lo > hi)
        {
            return new double[] {0, 1};
        }
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    private static double[] logYRange(final List<Series> series)
    {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (final Series s : series)
        {
            for (int i = 0; i < s.values().length; i++)
            {
                if (s.sizes()[i] > 0 && s.values()[i] > 0)
                {
                    lo = Math.min(lo, Math.floor(Math.log10(s.values()[i])));
                    hi = Math.max(hi, Math.ceil(Math.log10(s.values()[i])));
                }
            }
        }
        if (lo > hi)
        {
            return new double[] {0, 1};
        }
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    private static double[] linearYRange(final List<Series> series)
    {
        double hi = 0;
        for (final Series s : series)
        {
            for (final double v : s.values())
            {
                hi = Math.max(hi, v);
            }
        }
        final double step = niceStep(hi > 0 ? hi / 6 : 1);
        return new double[] {0, Math.ceil(hi * 1.02 / step) * step, step};
    }

    /**
     * @param raw a positive step
     * @return the smallest of 1, 2, 5 × 10^k that is at least {@code raw}
     */
    static double niceStep(final double raw)
    {
        final double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        for (final double m : new double[] {1, 2, 5, 10})
        {
            if (m * decade >= raw * (1 - 1e-9))
            {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    /**
     * @param exponent a power of two
     * @return its size label: 1, 2 ... 512, 1K ... 512K, 1M ..., 1G ...
     */
    static String bytes(final int exponent)
    {
        final String[] units = {"", "K", "M", "G", "T"};
        final int unit = Math.min(exponent / 10, units.length - 1);
        return (1L << (exponent - 10 * unit)) + units[unit];
    }

    private static String number(final double v)
    {
        if (v == Math.rint(v) && Math.abs(v) < 1e12)
        {
            return Long.toString((long)v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 0.01 ? "%.2f" : "%.0e", v).replaceAll("(\\.\\d*?)0+$", "$1")
            .replaceAll("\\.$", "");
    }

    private static double log2(final double v)
    {
        return Math.log(v) / Math.log(2);
    }

    /** A linear map from data units (already log-transformed where the axis is) to pixels. */
    private record Scale(double min, double max, double from, double to)
    {
        double at(final double v)
        {
            return from + (v - min) / (max - min) * (to - from);
        }
    }
}
