package xen2mx.boot;

import java.io.IOException;
import java.util.Map;

public final class JobBootstrap
{
    public static JobBootstrap current() { return null; }
    public int rank() { return 0; }
    public int size() { return 1; }
    public String jobId() { return "x"; }
    public static Map<String, String> mcaParameters() { return Map.of(); }
    public static int verbosity() { return 0; }
    public byte[][] allgather(final byte[] mine) throws IOException { return new byte[][] {mine}; }
    public void abort(final int code, final String reason) { }
    public void finalized() { }
}
