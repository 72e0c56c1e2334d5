package xen2mx.bench;

/**
 * What option parsing, help and report need to know about one OSU benchmark: its name, title, result column,
 * defaults and which options it accepts. Implemented by the point-to-point {@link OmbBenchmark} and the
 * {@link CollectiveBenchmark} enums.
 */
public interface OmbSpec
{
    /** @return the OMB program name, e.g. {@code osu_latency} */
    String command();

    /** @return the words between {@code "OSU MPI "} and {@code " Test"} in the title line */
    String title();

    /** @return the heading of the (first) result column */
    String column();

    /** @return the smallest message size measured by default */
    long defaultMinSize();

    /** @return the largest message size measured by default */
    long defaultMaxSize();

    /** @return timed iterations for sizes up to {@link OmbBenchmark#LARGE_MESSAGE_SIZE} */
    int iterationsSmall();

    /** @return warm-up iterations for sizes up to {@link OmbBenchmark#LARGE_MESSAGE_SIZE} */
    int skipSmall();

    /** @return timed iterations for sizes above {@link OmbBenchmark#LARGE_MESSAGE_SIZE} */
    int iterationsLarge();

    /** @return warm-up iterations for sizes above {@link OmbBenchmark#LARGE_MESSAGE_SIZE} */
    int skipLarge();

    /** @return whether the benchmark has a window ({@code -W}) */
    boolean windowed();

    /** @return whether the benchmark measures message sizes ({@code -m}); the barrier does not */
    boolean sized();

    /** @return whether {@code -f} (min, max and iterations columns) is accepted: the collectives */
    boolean fullStatistics();
}
