package xen2mx.launcher;

import java.util.Locale;

/** {@code --map-by}: how ranks are laid on the hosts, in Open MPI's terms. */
public enum MapBy
{
    /** Fill each host's slots in host order before the next host (the default). */
    SLOT,
    /** One rank per host in turn, skipping hosts whose slots are full. */
    NODE;

    /**
     * @param value {@code slot} or {@code node}, any case.
     * @return the policy.
     * @throws UsageException naming the accepted values.
     */
    public static MapBy parse(final String value) throws UsageException
    {
        switch (value.toLowerCase(Locale.ROOT))
        {
            case "slot":
                return SLOT;
            case "node":
                return NODE;
            default:
                throw new UsageException("--map-by: '" + value + "' is not supported (use slot or node)");
        }
    }
}
