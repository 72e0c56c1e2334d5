package xen2mx.bench.plot;

import java.awt.Color;
import java.util.Locale;

/**
 * A {@link Canvas} that writes SVG 1.1 text: one element per call, coordinates with two decimals, colours as
 * {@code #rrggbb}, text escaped for XML.
 */
public final class SvgCanvas implements Canvas
{
    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder(16 * 1024);

    /**
     * @param width  pixels
     * @param height pixels
     */
    public SvgCanvas(final int width, final int height)
    {
        this.width = width;
        this.height = height;
    }

    @Override
    public int width()
    {
        return width;
    }

    @Override
    public int height()
    {
        return height;
    }

    @Override
    public void rect(final double x, final double y, final double w, final double h, final Color fill,
        final Color stroke)
    {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\""
            + " stroke=\"%s\"/>\n", x, y, w, h, colour(fill), colour(stroke)));
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final Color colour,
        final double width)
    {
        body.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\""
            + " stroke-width=\"%.2f\"/>\n", x1, y1, x2, y2, colour(colour), width));
    }

    @Override
    public void polyline(final double[] xs, final double[] ys, final Color colour, final double width)
    {
        final StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++)
        {
            points.append(String.format(Locale.ROOT, "%s%.2f,%.2f", i == 0 ? "" : " ", xs[i], ys[i]));
        }
        body.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
            + "stroke-width=\"%.2f\" stroke-linejoin=\"round\"/>\n", points, colour(colour), width));
    }

    @Override
    public void dot(final double x, final double y, final double radius, final Color colour)
    {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\"/>\n", x, y,
            radius, colour(colour)));
    }

    @Override
    public void text(final String text, final double x, final double y, final Anchor anchor, final int size,
        final Color colour, final boolean vertical)
    {
        final String anchorName = switch (anchor)
        {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        body.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-family=\"sans-serif\" "
            + "font-size=\"%d\" fill=\"%s\" text-anchor=\"%s\"%s>%s</text>\n", x, y, size, colour(colour), anchorName,
            vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.2f %.2f)\"", x, y) : "", escape(text)));
    }

    /** @return the complete SVG document */
    public String document()
    {
        return String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/"
            + "2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n", width, height, width,
            height) + body + "</svg>\n";
    }

    private static String colour(final Color c)
    {
        return c == null ? "none" : String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
