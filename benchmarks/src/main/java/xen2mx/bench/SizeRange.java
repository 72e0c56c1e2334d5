package xen2mx.bench;

/**
 * OMB's {@code -m [MIN:]MAX} argument, read as OMB's {@code process_options} reads it: {@code MAX}, {@code MIN:MAX},
 * {@code MIN:} or {@code :MAX}; numbers through {@code atoll}; a minimum must be positive and a maximum between 0
 * and {@link OmbOptions#MAX_SUPPORTED_SIZE}; with both given, an invalid minimum is ignored when the maximum is
 * valid. Shared by the point-to-point ({@link OmbOptions}) and collective ({@link CollectiveOptions}) parsers.
 */
final class SizeRange
{
    private long min;
    private long max;

    /**
     * @param min the minimum before the argument
     * @param max the maximum before the argument
     */
    SizeRange(final long min, final long max)
    {
        this.min = min;
        this.max = max;
    }

    /** @return false if the argument is invalid (the range is then unspecified) */
    boolean apply(final String value)
    {
        final int colon = value.indexOf(':');
        if (colon < 0)
        {
            return setMax(CNumbers.atoll(value));
        }
        if (value.indexOf(':', colon + 1) >= 0)
        {
            return false;
        }
        final String low = value.substring(0, colon);
        final String high = value.substring(colon + 1);
        if (!low.isEmpty() && !high.isEmpty())
        {
            setMin(CNumbers.atoll(low));
            return setMax(CNumbers.atoll(high));
        }
        if (!high.isEmpty())
        {
            return setMax(CNumbers.atoll(high));
        }
        return !low.isEmpty() && setMin(CNumbers.atoll(low));
    }

    private boolean setMin(final long value)
    {
        if (value <= 0)
        {
            return false;
        }
        min = value;
        return true;
    }

    private boolean setMax(final long value)
    {
        if (value < 0 || value > OmbOptions.MAX_SUPPORTED_SIZE)
        {
            return false;
        }
        max = value;
        return true;
    }

    long min()
    {
        return min;
    }

    long max()
    {
        return max;
    }
}
