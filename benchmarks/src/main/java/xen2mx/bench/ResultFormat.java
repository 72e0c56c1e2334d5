package xen2mx.bench;

import java.util.Locale;

/** How a benchmark writes its results: OMB's text, or one of the machine-readable forms. */
public enum ResultFormat
{
    /** The C OMB text, byte for byte ({@link OmbReport}). */
    TEXT,
    /** One JSON document per run ({@link ResultJson}), described by {@code benchmarks/schema/result.schema.json}. */
    JSON,
    /** One header line and one line per message size ({@link ResultCsv}). */
    CSV;

    /**
     * @param name {@code text}, {@code json} or {@code csv}, in any case
     * @return the format, or {@code null} for any other name
     */
    public static ResultFormat named(final String name)
    {
        for (final ResultFormat f : values())
        {
            if (f.name().equalsIgnoreCase(name))
            {
                return f;
            }
        }
        return null;
    }

    /** @return the lower-case name, as on the command line */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
