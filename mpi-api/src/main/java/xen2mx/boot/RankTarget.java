package xen2mx.boot;

import java.io.IOException;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What a rank runs: the user's main class and the user's arguments, from {@link RankMain}'s command line
 * {@code <MainClass | -jar file> args...}.
 *
 * @param mainClass the fully qualified class name.
 * @param args      the user's arguments, unchanged.
 */
record RankTarget(String mainClass, String[] args)
{
    /**
     * @param argv RankMain's arguments.
     * @return the target; for {@code -jar}, the class named by the jar manifest's {@code Main-Class}.
     * @throws IllegalArgumentException with a one-line message when argv is empty, the jar cannot be read or its
     *                                  manifest has no {@code Main-Class}.
     */
    static RankTarget parse(final String[] argv)
    {
        if (argv.length == 0 || argv[0].isEmpty())
        {
            throw new IllegalArgumentException("usage: java " + RankMain.class.getName()
                + " <MainClass | -jar file> [args...]");
        }
        if (!"-jar".equals(argv[0]))
        {
            return new RankTarget(argv[0], Arrays.copyOfRange(argv, 1, argv.length));
        }
        if (argv.length < 2)
        {
            throw new IllegalArgumentException("-jar requires a jar file");
        }
        return new RankTarget(manifestMainClass(argv[1]), Arrays.copyOfRange(argv, 2, argv.length));
    }

    private static String manifestMainClass(final String jar)
    {
        try (JarFile file = new JarFile(jar))
        {
            final Manifest manifest = file.getManifest();
            final String mainClass = manifest == null ? null
                : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (mainClass == null || mainClass.isBlank())
            {
                throw new IllegalArgumentException("no main manifest attribute, in " + jar);
            }
            return mainClass.trim();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("Unable to access jarfile " + jar + " (" + ex.getMessage() + ")", ex);
        }
    }
}
