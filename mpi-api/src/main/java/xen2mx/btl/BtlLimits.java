package xen2mx.btl;

/**
 * Protocol thresholds of a module: the PML reads them, the module applies them.
 *
 * @param eagerLimit     messages up to this many bytes travel eagerly; larger ones by rendezvous.
 * @param maxMessageSize the largest message the module carries.
 */
public record BtlLimits(int eagerLimit, long maxMessageSize)
{
    public BtlLimits
    {
        if (eagerLimit < 0 || maxMessageSize < eagerLimit)
        {
            throw new IllegalArgumentException("eagerLimit=" + eagerLimit + " maxMessageSize=" + maxMessageSize);
        }
    }
}
