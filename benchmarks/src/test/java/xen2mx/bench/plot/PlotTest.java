package xen2mx.bench.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Renders the checked-in results of real runs and checks the images. */
class PlotTest
{
    @TempDir
    Path dir;

    @BeforeAll
    static void headless()
    {
        System.setProperty("java.awt.headless", "true");
    }

    private Path copy(final String name) throws IOException
    {
        final Path target = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/xen2mx/bench/" + name))
        {
            Files.copy(in, target);
        }
        return target;
    }

    private static int run(final String... args)
    {
        final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return PlotMain.run(args, quiet, quiet);
    }

    @Test
    void shouldRenderLatencyAndBandwidthChartsAsPngAndSvg() throws Exception
    {
        final Path latency = copy("osu_latency-tcp.json");
        final Path bw = copy("osu_bw-tcp.json");
        assertEquals(0, run("-o", dir.resolve("out").toString(), latency.toString(), bw.toString(),
            latency.toString()));
        for (final String metric : List.of("latency", "bandwidth"))
        {
            final BufferedImage png = ImageIO.read(dir.resolve("out-" + metric + ".png").toFile());
            assertEquals(ChartRenderer.WIDTH, png.getWidth());
            assertEquals(ChartRenderer.HEIGHT, png.getHeight());
            final Set<Integer> colours = new HashSet<>();
            int inked = 0;
            for (int y = 0; y < png.getHeight(); y += 2)
            {
                for (int x = 0; x < png.getWidth(); x += 2)
                {
                    final int rgb = png.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    inked += rgb == 0xffffff ? 0 : 1;
                }
            }
            assertTrue(colours.contains(0x1f77b4), metric + ": the first series' colour is drawn");
            assertTrue(inked > 2_000, metric + ": not blank, " + inked + " inked samples");
            final Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("out-" + metric + ".svg").toFile());
            final Element root = svg.getDocumentElement();
            assertEquals("svg", root.getTagName());
            assertEquals(Integer.toString(ChartRenderer.WIDTH), root.getAttribute("width"));
            final int lines = svg.getElementsByTagName("polyline").getLength();
            assertEquals("latency".equals(metric) ? 2 : 1, lines, metric + " series");
            final String points = ((Element)svg.getElementsByTagName("polyline").item(0)).getAttribute("points");
            assertEquals(17, points.split(" ").length, "sizes 1 .. 64 KiB");
            assertTrue(svg.getDocumentElement().getTextContent().contains("OSU MPI"), "titled");
        }
    }

    @Test
    void shouldRefuseNonResultsAndBadUsage() throws IOException
    {
        final Path junk = Files.writeString(dir.resolve("junk.json"), "{\"a\": 1}");
        assertEquals(1, run(junk.toString()));
        assertEquals(1, run());
        assertEquals(1, run("-x", junk.toString()));
    }

    @Test
    void shouldParseJsonStrictly()
    {
        assertEquals(Map.of("a", List.of(1.0, "x\n\u00e9", true), "b", Map.of()),
            JsonReader.parse("{\"a\": [1, \"x\\n\\u00e9\", true], \"b\": {}}"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\": 1,}"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[1] 2"));
    }

    @Test
    void shouldLabelSizesAndChooseNiceSteps()
    {
        assertEquals("1", ChartRenderer.bytes(0));
        assertEquals("512", ChartRenderer.bytes(9));
        assertEquals("1K", ChartRenderer.bytes(10));
        assertEquals("4M", ChartRenderer.bytes(22));
        assertEquals(500.0, ChartRenderer.niceStep(410));
        assertEquals(1000.0, ChartRenderer.niceStep(1000));
        assertEquals(0.2, ChartRenderer.niceStep(0.15), 1e-12);
    }
}
