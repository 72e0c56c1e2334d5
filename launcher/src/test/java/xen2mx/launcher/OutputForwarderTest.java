package xen2mx.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class OutputForwarderTest
{
    /** Records lines as strings. */
    private static final class RecordingSink implements LineSink
    {
        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void line(final int rank, final OutputKind kind, final byte[] bytes, final int offset,
            final int length)
        {
            lines.add(rank + kind.label() + new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void flush()
        {
        }
    }

    private static List<String> forward(final byte[] input) throws InterruptedException
    {
        final RecordingSink sink = new RecordingSink();
        final OutputForwarder f = new OutputForwarder(3, OutputKind.STDERR, new ByteArrayInputStream(input), sink);
        f.start();
        assertTrue(f.join(10_000));
        return sink.lines;
    }

    @Test
    void shouldSplitLinesAndForwardTheLastLineWithoutNewline() throws InterruptedException
    {
        assertEquals(List.of("3<stderr>a", "3<stderr>", "3<stderr>b\r", "3<stderr>tail"),
            forward("a\n\nb\r\ntail".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), forward(new byte[0]));
    }

    @Test
    void shouldKeepLinesLongerThanTheReadChunkWhole() throws InterruptedException
    {
        final String longLine = "L".repeat(50_000);
        assertEquals(List.of("3<stderr>short", "3<stderr>" + longLine, "3<stderr>" + longLine),
            forward(("short\n" + longLine + "\n" + longLine).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldCutOnlyLinesBeyondTheMaximumIntoMaximumSizedPieces() throws InterruptedException
    {
        final String huge = "H".repeat(OutputForwarder.MAX_LINE * 2 + 10);
        final List<String> lines = forward((huge + "\nnext\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(4, lines.size());
        assertEquals(OutputForwarder.MAX_LINE + "<stderr>".length() + 1, lines.get(0).length());
        assertEquals(OutputForwarder.MAX_LINE + "<stderr>".length() + 1, lines.get(1).length());
        assertEquals("3<stderr>HHHHHHHHHH", lines.get(2));
        assertEquals("3<stderr>next", lines.get(3));
    }

    @Test
    void shouldNeverMixRanksWithinALineUnderLoad() throws Exception
    {
        final int ranks = 8;
        final int linesPerRank = 10_000;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ConsoleSink sink = new ConsoleSink(out, OutputStream.nullOutputStream(), "77", true);
        final List<OutputForwarder> forwarders = new ArrayList<>();
        final List<Thread> writers = new ArrayList<>();
        for (int r = 0; r < ranks; r++)
        {
            final PipedInputStream in = new PipedInputStream(4096);
            final PipedOutputStream pipe = new PipedOutputStream(in);
            final int rank = r;
            final OutputForwarder f = new OutputForwarder(r, OutputKind.STDOUT, in, sink);
            forwarders.add(f);
            f.start();
            final Thread w = new Thread(() -> write(pipe, rank, linesPerRank));
            writers.add(w);
            w.start();
        }
        for (final Thread w : writers)
        {
            w.join(30_000);
        }
        for (final OutputForwarder f : forwarders)
        {
            assertTrue(f.join(30_000));
        }
        final String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(ranks * linesPerRank + 1, lines.length, "every line once, plus the empty tail");
        assertEquals("", lines[lines.length - 1]);
        final Pattern p = Pattern.compile("\\[77,(\\d)]<stdout>:rank (\\d) line (\\d+) (x*)");
        final int[] next = new int[ranks];
        for (int i = 0; i < lines.length - 1; i++)
        {
            final Matcher m = p.matcher(lines[i]);
            assertTrue(m.matches(), "mixed or damaged line: " + lines[i]);
            final int rank = Integer.parseInt(m.group(1));
            assertEquals(m.group(1), m.group(2), "tag and content name the same rank");
            assertEquals(next[rank]++, Integer.parseInt(m.group(3)), "per-rank order kept");
            assertEquals(Integer.parseInt(m.group(3)) % 700, m.group(4).length());
        }
        for (int r = 0; r < ranks; r++)
        {
            assertEquals(linesPerRank, next[r]);
        }
    }

    private static void write(final OutputStream pipe, final int rank, final int lines)
    {
        try (pipe)
        {
            for (int i = 0; i < lines; i++)
            {
                final byte[] line = ("rank " + rank + " line " + i + " " + "x".repeat(i % 700) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
                // odd-sized writes so that lines straddle read boundaries
                final int half = line.length / 3;
                pipe.write(line, 0, half);
                pipe.write(line, half, line.length - half);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
