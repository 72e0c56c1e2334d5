package xen2mx.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** A {@link Canvas} on a Java2D image, saved as PNG with ImageIO; works headless. */
public final class PngCanvas implements Canvas
{
    private final BufferedImage image;
    private final Graphics2D g;

    /**
     * @param width  pixels
     * @param height pixels
     */
    public PngCanvas(final int width, final int height)
    {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    @Override
    public int width()
    {
        return image.getWidth();
    }

    @Override
    public int height()
    {
        return image.getHeight();
    }

    @Override
    public void rect(final double x, final double y, final double w, final double h, final Color fill,
        final Color stroke)
    {
        final Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null)
        {
            g.setColor(fill);
            g.fill(r);
        }
        if (stroke != null)
        {
            g.setColor(stroke);
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final Color colour,
        final double width)
    {
        g.setColor(colour);
        g.setStroke(new BasicStroke((float)width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(final double[] xs, final double[] ys, final Color colour, final double width)
    {
        if (xs.length == 0)
        {
            return;
        }
        final Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++)
        {
            path.lineTo(xs[i], ys[i]);
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke((float)width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    @Override
    public void dot(final double x, final double y, final double radius, final Color colour)
    {
        g.setColor(colour);
        g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
    }

    @Override
    public void text(final String text, final double x, final double y, final Anchor anchor, final int size,
        final Color colour, final boolean vertical)
    {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        g.setColor(colour);
        final double w = g.getFontMetrics().stringWidth(text);
        final double shift = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? w / 2 : w;
        final AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (vertical)
        {
            g.rotate(-Math.PI / 2);
        }
        g.drawString(text, (float)-shift, 0f);
        g.setTransform(saved);
    }

    /**
     * @param file where to write the PNG
     * @throws IOException if it cannot be written
     */
    public void save(final Path file) throws IOException
    {
        g.dispose();
        if (!ImageIO.write(image, "png", file.toFile()))
        {
            throw new IOException("no PNG writer in this JVM");
        }
    }
}
