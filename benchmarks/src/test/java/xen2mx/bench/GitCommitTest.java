package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitTest
{
    private static final String A = "1111111111111111111111111111111111111111";
    private static final String B = "2222222222222222222222222222222222222222";

    @TempDir
    Path dir;

    @Test
    void shouldResolveLooseRefFromADeepFile() throws IOException
    {
        Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/refs/heads/main"), A + "\n");
        final Path jar = Files.createDirectories(dir.resolve("launcher/target/runtime/lib")).resolve("b.jar");
        assertEquals(A, GitCommit.above(jar));
    }

    @Test
    void shouldResolvePackedRefThroughAWorktreeFile() throws IOException
    {
        final Path common = Files.createDirectories(dir.resolve("main/.git"));
        final Path wtGit = Files.createDirectories(common.resolve("worktrees/wt"));
        Files.writeString(common.resolve("packed-refs"), "# pack-refs\n" + B + " refs/heads/wt\n");
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/wt\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        final Path worktree = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + wtGit + "\n");
        assertEquals(B, GitCommit.above(worktree.resolve("benchmarks")));
    }

    @Test
    void shouldReturnDetachedHeadOrNothing() throws IOException
    {
        assertNull(GitCommit.above(dir.resolve("x")));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), A + "\n");
        assertEquals(A, GitCommit.above(dir.resolve("x")));
    }
}
