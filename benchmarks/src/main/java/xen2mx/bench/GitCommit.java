package xen2mx.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the git commit of the checkout a jar or class directory was built in, by reading {@code .git} files (no
 * {@code git} process): {@code HEAD}, then the ref it names, loose or in {@code packed-refs}. A worktree's
 * {@code .git} file ({@code gitdir: ...}) and its {@code commondir} are followed.
 */
public final class GitCommit
{
    private static final int MAX_DEPTH = 12;

    private GitCommit()
    {
    }

    /**
     * @param start a file or directory inside the checkout (e.g. the benchmarks jar)
     * @return the 40-hex commit, or {@code null} when there is no readable checkout above {@code start}
     */
    public static String above(final Path start)
    {
        Path dir = start.toAbsolutePath();
        for (int depth = 0; dir != null && depth < MAX_DEPTH; depth++, dir = dir.getParent())
        {
            final Path dotGit = dir.resolve(".git");
            if (Files.exists(dotGit))
            {
                try
                {
                    return resolve(gitDir(dotGit));
                }
                catch (final IOException | RuntimeException e)
                {
                    return null;
                }
            }
        }
        return null;
    }

    private static Path gitDir(final Path dotGit) throws IOException
    {
        if (Files.isDirectory(dotGit))
        {
            return dotGit;
        }
        final String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
        return dotGit.getParent().resolve(line.substring("gitdir:".length()).trim()).normalize();
    }

    private static String resolve(final Path gitDir) throws IOException
    {
        final String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        if (!head.startsWith("ref:"))
        {
            return head;
        }
        final String ref = head.substring(4).trim();
        Path common = gitDir;
        final Path commonDir = gitDir.resolve("commondir");
        if (Files.exists(commonDir))
        {
            common = gitDir.resolve(Files.readString(commonDir, StandardCharsets.UTF_8).trim()).normalize();
        }
        for (final Path base : List.of(gitDir, common))
        {
            final Path loose = base.resolve(ref);
            if (Files.exists(loose))
            {
                return Files.readString(loose, StandardCharsets.UTF_8).trim();
            }
        }
        final Path packed = common.resolve("packed-refs");
        if (Files.exists(packed))
        {
            for (final String line : Files.readAllLines(packed, StandardCharsets.UTF_8))
            {
                if (line.endsWith(" " + ref))
                {
                    return line.substring(0, line.indexOf(' '));
                }
            }
        }
        return null;
    }
}
