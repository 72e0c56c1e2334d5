package xen2mx.launcher;

/** Where forwarded lines go. Implementations are thread-safe and write each line whole. */
public interface LineSink
{
    /**
     * Writes one line; {@code bytes[offset, offset + length)} holds it without its newline.
     *
     * @param rank   the rank it came from.
     * @param kind   the stream it came from.
     * @param bytes  buffer.
     * @param offset start of the line.
     * @param length length of the line.
     */
    void line(int rank, OutputKind kind, byte[] bytes, int offset, int length);

    /** Pushes buffered lines to their destination. */
    void flush();
}
