package xen2mx.bench.plot;

import java.awt.Color;

/**
 * What a chart draws on, in pixels from the top-left corner; {@link PngCanvas} and {@link SvgCanvas} implement it so
 * that one {@link ChartRenderer} produces both formats.
 */
public interface Canvas
{
    /** Where a text's reference point is. */
    enum Anchor
    {
        /** Left end of the baseline. */
        START,
        /** Middle of the baseline. */
        MIDDLE,
        /** Right end of the baseline. */
        END
    }

    /** @return width in pixels */
    int width();

    /** @return height in pixels */
    int height();

    /**
     * Fills a rectangle, then strokes its outline unless {@code stroke} is null.
     *
     * @param x      left
     * @param y      top
     * @param w      width
     * @param h      height
     * @param fill   fill colour, or null for none
     * @param stroke outline colour, or null for none
     */
    void rect(double x, double y, double w, double h, Color fill, Color stroke);

    /**
     * @param x1     start x
     * @param y1     start y
     * @param x2     end x
     * @param y2     end y
     * @param colour colour
     * @param width  stroke width
     */
    void line(double x1, double y1, double x2, double y2, Color colour, double width);

    /**
     * @param xs     x coordinates
     * @param ys     y coordinates, as many
     * @param colour colour
     * @param width  stroke width
     */
    void polyline(double[] xs, double[] ys, Color colour, double width);

    /**
     * @param x      centre x
     * @param y      centre y
     * @param radius radius
     * @param colour fill colour
     */
    void dot(double x, double y, double radius, Color colour);

    /**
     * @param text     the text
     * @param x        reference x
     * @param y        baseline y
     * @param anchor   which point of the text is at x
     * @param size     font size in pixels
     * @param colour   colour
     * @param vertical whether it reads bottom to top (rotated -90 degrees about the reference point)
     */
    void text(String text, double x, double y, Anchor anchor, int size, Color colour, boolean vertical);
}
