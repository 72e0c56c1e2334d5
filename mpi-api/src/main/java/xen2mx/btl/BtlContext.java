package xen2mx.btl;

import java.util.Map;

/**
 * What a module learns when it is opened.
 *
 * @param rank        this process's world rank.
 * @param size        the world size.
 * @param jobId       the launcher's job id (unique per job; usable in file names).
 * @param parameters  MCA parameters ({@code --mca key value} or {@code X2MX_MCA_key}), keyed without prefix.
 * @param matchEngine the process-wide engine that non-MX modules share for matching.
 */
public record BtlContext(int rank, int size, String jobId, Map<String, String> parameters,
    xen2mx.btl.match.MatchEngine matchEngine)
{
    /** @return parameter {@code key} or {@code defaultValue}. */
    public String parameter(final String key, final String defaultValue)
    {
        return parameters.getOrDefault(key, defaultValue);
    }

    /**
     * @return parameter {@code key} as an int or {@code defaultValue}.
     * @throws BtlException naming the parameter when the value is not an integer.
     */
    public int intParameter(final String key, final int defaultValue)
    {
        final String value = parameters.get(key);
        if (value == null)
        {
            return defaultValue;
        }
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException e)
        {
            throw new BtlException("MCA parameter " + key + "=" + value + " is not an integer");
        }
    }
}
