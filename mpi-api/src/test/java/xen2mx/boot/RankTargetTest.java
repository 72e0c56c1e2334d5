package xen2mx.boot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankTargetTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPassUserArgumentsUnchanged()
    {
        final RankTarget t = RankTarget.parse(new String[] {"a.B", "-np", "", "x y", "-jar"});
        assertEquals("a.B", t.mainClass());
        assertArrayEquals(new String[] {"-np", "", "x y", "-jar"}, t.args());
    }

    @Test
    void shouldReadMainClassFromJarManifest() throws IOException
    {
        final Path jar = jar("app.jar", "com.example.App");
        final RankTarget t = RankTarget.parse(new String[] {"-jar", jar.toString(), "1", "2"});
        assertEquals("com.example.App", t.mainClass());
        assertArrayEquals(new String[] {"1", "2"}, t.args());
    }

    @Test
    void shouldRefuseJarWithoutMainClassOrMissingJar() throws IOException
    {
        final Path jar = jar("lib.jar", null);
        assertEquals("no main manifest attribute, in " + jar,
            assertThrows(IllegalArgumentException.class,
                () -> RankTarget.parse(new String[] {"-jar", jar.toString()})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> RankTarget.parse(new String[] {"-jar", dir.resolve("none.jar").toString()})).getMessage()
            .startsWith("Unable to access jarfile"));
        assertThrows(IllegalArgumentException.class, () -> RankTarget.parse(new String[] {"-jar"}));
        assertThrows(IllegalArgumentException.class, () -> RankTarget.parse(new String[0]));
    }

    private Path jar(final String name, final String mainClass) throws IOException
    {
        final Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null)
        {
            m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        final Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m))
        {
            j.flush();
        }
        return jar;
    }
}
