package xen2mx.btl.mx.media;

/** Child JVM for {@link RawSocketChannelTest}: opens a raw channel on {@code args[0]}, prints the error, exits 3. */
public final class OpenRawChannelMain
{
    private OpenRawChannelMain()
    {
    }

    /** @param args the interface name. */
    public static void main(final String[] args)
    {
        try (RawSocketChannel channel = RawSocketChannel.open(args[0]))
        {
            System.out.println("opened " + channel);
        }
        catch (final MediaException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(3);
        }
    }
}
