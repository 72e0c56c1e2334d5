package xen2mx.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime jars of this mpirun as content: each jar's SHA-256, and a digest of them all that names the copy
 * shipped to hosts without a shared file system ({@code ~/.cache/xen2mx/runtime-<digest>}). Immutable.
 *
 * @param directory the local directory of the jars.
 * @param sha256    jar file name to its SHA-256 in hex, sorted by name.
 * @param digest    the first 16 hex digits of the SHA-256 of the {@code sha256sum} listing.
 */
public record RuntimeImage(Path directory, Map<String, String> sha256, String digest)
{
    /** Where a shipped runtime lives on a host, under its home directory. */
    public static final String CACHE_DIR = ".cache/xen2mx";

    /**
     * @param directory the runtime directory.
     * @return its image.
     * @throws IOException when a jar cannot be read.
     */
    public static RuntimeImage of(final Path directory) throws IOException
    {
        final Map<String, String> sums = new TreeMap<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar"))
        {
            for (final Path jar : jars)
            {
                sums.put(jar.getFileName().toString(), sha256(jar));
            }
        }
        final MessageDigest all = newDigest();
        listing(sums).forEach(line -> all.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
        return new RuntimeImage(directory, Map.copyOf(sums), HexFormat.of().formatHex(all.digest()).substring(0, 16));
    }

    /** @return the lines of {@code sha256sum} for the jars ({@code <hex>  <name>}), as {@code sha256sum -c} reads. */
    public List<String> listing()
    {
        return listing(new TreeMap<>(sha256));
    }

    /** @return the jar names, sorted. */
    public List<String> jars()
    {
        return new ArrayList<>(new TreeMap<>(sha256).keySet());
    }

    /** @return the shipped copy's directory, relative to a host's home directory. */
    public String cacheDirectory()
    {
        return CACHE_DIR + "/runtime-" + digest;
    }

    private static List<String> listing(final Map<String, String> sorted)
    {
        final List<String> lines = new ArrayList<>();
        sorted.forEach((name, hex) -> lines.add(hex + "  " + name));
        return lines;
    }

    private static String sha256(final Path file) throws IOException
    {
        final MessageDigest digest = newDigest();
        final byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file))
        {
            int n;
            while ((n = in.read(buffer)) > 0)
            {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform has SHA-256", ex);
        }
    }
}
