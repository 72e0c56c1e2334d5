package xen2mx.itest;

import java.util.Arrays;
import java.util.List;

import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import mpjbuf.BufferFactory;

/**
 * Derived datatypes and packed messages between two real ranks: rank 0 sends, rank 1 receives and checks every
 * element (and the reverse where noted). Each check throws on a wrong result, so the rank exits non-zero and
 * {@code mpirun} fails the job. Run: {@code mpirun -np 2 DatatypeChecks [check...]}.
 */
public final class DatatypeChecks
{
    private static final List<String> ALL = List.of("columns", "triangles", "structs", "packed", "nonblocking",
        "large");
    private static Intracomm world;
    private static int rank;

    private DatatypeChecks()
    {
    }

    public static void main(final String[] args)
    {
        MPI.Init(args);
        world = MPI.COMM_WORLD;
        rank = world.Rank();
        if (world.Size() != 2)
        {
            throw new AssertionError("DatatypeChecks runs on 2 ranks, not " + world.Size());
        }
        for (final String check : args.length > 0 ? Arrays.asList(args) : ALL)
        {
            world.Barrier();
            switch (check)
            {
                case "columns" -> columns();
                case "triangles" -> triangles();
                case "structs" -> structs();
                case "packed" -> packed();
                case "nonblocking" -> nonblocking();
                case "large" -> large();
                default -> throw new IllegalArgumentException("unknown check " + check);
            }
            if (rank == 1)
            {
                System.out.println("check " + check + " passed");
            }
        }
        MPI.Finalize();
    }

    private static void expect(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new AssertionError("rank " + rank + ": " + what);
        }
    }

    private static double cell(final int row, final int col)
    {
        return row * 1000 + col + 0.5;
    }

    /**
     * The columns of a row-major matrix as Vectors: one message per column received as Contiguous, then all columns
     * in one message with a column type resized by UB to one element, received transposed.
     */
    private static void columns()
    {
        final int rows = 7;
        final int cols = 5;
        final Datatype column = Datatype.Vector(rows, 1, cols, MPI.DOUBLE);
        column.Commit();
        final Datatype columnStep = Datatype.Struct(new int[] {1, 1}, new int[] {0, 1},
            new Datatype[] {column, MPI.UB});
        columnStep.Commit();
        if (rank == 0)
        {
            final double[] matrix = new double[rows * cols];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    matrix[r * cols + c] = cell(r, c);
                }
            }
            for (int c = 0; c < cols; c++)
            {
                world.Send(matrix, c, 1, column, 1, 100 + c);
            }
            world.Send(matrix, 0, cols, columnStep, 1, 110);
        }
        else
        {
            final Datatype wholeColumn = Datatype.Contiguous(rows, MPI.DOUBLE);
            final double[] columnMajor = new double[rows * cols + 2];
            for (int c = cols - 1; c >= 0; c--)
            {
                final Status status = world.Recv(columnMajor, 1 + c * rows, 1, wholeColumn, 0, 100 + c);
                expect(status.Get_count(wholeColumn) == 1 && status.Get_count(column) == 1
                    && status.Get_elements(MPI.DOUBLE) == rows, "column " + c + " counts " + status);
            }
            expect(columnMajor[0] == 0 && columnMajor[rows * cols + 1] == 0, "column writes stayed in place");
            final double[] transposed = new double[rows * cols];
            final Status status = world.Recv(transposed, 0, rows * cols, MPI.DOUBLE, 0, 110);
            expect(status.Get_count(columnStep) == cols, "columnStep count " + status.Get_count(columnStep));
            for (int c = 0; c < cols; c++)
            {
                for (int r = 0; r < rows; r++)
                {
                    expect(columnMajor[1 + c * rows + r] == cell(r, c), "column " + c + " row " + r + " got "
                        + columnMajor[1 + c * rows + r]);
                    expect(transposed[c * rows + r] == cell(r, c), "transposed " + c + "," + r);
                }
            }
        }
    }

    /** Upper triangle (Indexed) and lower triangle (Hindexed with negative displacements from the last row). */
    private static void triangles()
    {
        final int n = 9;
        final int[] upperLengths = new int[n];
        final int[] upperDisplacements = new int[n];
        final int[] lowerLengths = new int[n];
        final int[] lowerDisplacements = new int[n];
        for (int i = 0; i < n; i++)
        {
            upperLengths[i] = n - i;
            upperDisplacements[i] = i * n + i;
            lowerLengths[i] = i + 1;
            lowerDisplacements[i] = (i - (n - 1)) * n;
        }
        final Datatype upper = Datatype.Indexed(upperLengths, upperDisplacements, MPI.INT);
        final Datatype lower = Datatype.Hindexed(lowerLengths, lowerDisplacements, MPI.INT);
        upper.Commit();
        lower.Commit();
        final int lastRow = (n - 1) * n;
        final int triangle = n * (n + 1) / 2;
        if (rank == 0)
        {
            final int[] matrix = new int[n * n];
            Arrays.setAll(matrix, i -> i + 1);
            world.Send(matrix, 0, 1, upper, 1, 200);
            world.Send(matrix, lastRow, 1, lower, 1, 201);
            world.Send(matrix, 0, 1, upper, 1, 202);
        }
        else
        {
            final int[] upperIn = new int[n * n];
            world.Recv(upperIn, 0, 1, upper, 0, 200);
            final int[] lowerIn = new int[n * n];
            final Status status = world.Recv(lowerIn, lastRow, 1, lower, 0, 201);
            expect(status.Get_count(lower) == 1 && status.Get_elements(lower) == triangle, "lower counts " + status);
            for (int r = 0; r < n; r++)
            {
                for (int c = 0; c < n; c++)
                {
                    final int value = r * n + c + 1;
                    expect(upperIn[r * n + c] == (c >= r ? value : 0), "upper " + r + "," + c + " = "
                        + upperIn[r * n + c]);
                    expect(lowerIn[r * n + c] == (c <= r ? value : 0), "lower " + r + "," + c + " = "
                        + lowerIn[r * n + c]);
                }
            }
            final int[] flat = new int[triangle];
            world.Recv(flat, 0, triangle, MPI.INT, 0, 202);
            int k = 0;
            for (int r = 0; r < n; r++)
            {
                for (int c = r; c < n; c++)
                {
                    expect(flat[k++] == r * n + c + 1, "flat upper element " + (k - 1));
                }
            }
        }
    }

    /** Arrays of records (a Struct with LB/UB markers), both ways, partial and whole. */
    private static void structs()
    {
        final Datatype record = Datatype.Struct(new int[] {1, 2, 1, 1}, new int[] {-1, 0, 3, 5},
            new Datatype[] {MPI.LB, MPI.LONG, MPI.LONG, MPI.UB});
        record.Commit();
        expect(record.Lb() == -1 && record.Ub() == 5 && record.Extent() == 6 && record.Size() == 3,
            "record bounds " + record.Lb() + " " + record.Ub());
        final int records = 6;
        final long[] out = new long[1 + records * 6];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = i * 11L + rank;
        }
        final long[] in = new long[out.length];
        final int peer = 1 - rank;
        final Status status = world.Sendrecv(out, 1, records, record, peer, 300, in, 1, records, record, peer, 300);
        expect(status.Get_count(record) == records && status.Get_elements(record) == records * 3,
            "record counts " + status.Get_count(record));
        for (int i = 0; i < in.length; i++)
        {
            final int inRecord = (i - 1 + 6) % 6;
            final boolean data = i >= 1 && (inRecord == 0 || inRecord == 1 || inRecord == 3);
            expect(in[i] == (data ? i * 11L + peer : 0), "record element " + i + " = " + in[i]);
        }
        if (rank == 0)
        {
            world.Send(out, 1, 2, record, 1, 301);
        }
        else
        {
            final long[] three = new long[1 + 3 * 6];
            final Status partial = world.Recv(three, 1, 3, record, 0, 301);
            expect(partial.Get_count(record) == 2, "two of three records: " + partial.Get_count(record));
            expect(three[1] == 11 && three[4] == 44 && three[7] == 77 && three[10] == 110 && three[13] == 0,
                "records " + Arrays.toString(three));
        }
    }

    /** Pack on rank 0, send PACKED, receive PACKED, unpack on rank 1: byte[] form, then MPJ's mpjbuf.Buffer form. */
    private static void packed()
    {
        final Datatype everyThird = Datatype.Vector(4, 1, 3, MPI.FLOAT);
        if (rank == 0)
        {
            final float[] floats = new float[12];
            for (int i = 0; i < floats.length; i++)
            {
                floats[i] = i * 0.25f;
            }
            final byte[] buffer = new byte[world.Pack_size(1, MPI.INT) + world.Pack_size(1, everyThird) + 200];
            int position = world.Pack(new int[] {42}, 0, 1, MPI.INT, buffer, 0);
            position = world.Pack(floats, 0, 1, everyThird, buffer, position);
            position = world.Pack(new Object[] {"packed", List.of(1, 2, 3)}, 0, 2, MPI.OBJECT, buffer, position);
            position = world.Pack(new short[] {-5, 5}, 0, 2, MPI.SHORT, buffer, position);
            world.Send(buffer, 0, position, MPI.PACKED, 1, 400);

            final mpjbuf.Buffer mpj = new mpjbuf.Buffer(BufferFactory.create(64 + MPI.SEND_OVERHEAD),
                MPI.SEND_OVERHEAD, 64 + MPI.SEND_OVERHEAD);
            int at = world.Pack(new double[] {1.1, 2.2}, 0, 2, MPI.DOUBLE, mpj, 0);
            at = world.Pack(new boolean[] {true, false, true}, 0, 3, MPI.BOOLEAN, mpj, at);
            world.Send(new int[] {at}, 0, 1, MPI.INT, 1, 401);
            world.Send(mpj, 0, at, MPI.PACKED, 1, 402);
            BufferFactory.destroy(mpj.getStaticBuffer());
        }
        else
        {
            final Status probed = world.Probe(0, 400);
            final int bytes = probed.Get_count(MPI.PACKED);
            final byte[] buffer = new byte[bytes];
            world.Recv(buffer, 0, bytes, MPI.PACKED, 0, 400);
            final int[] answer = new int[1];
            final float[] floats = new float[4];
            final Object[] objects = new Object[2];
            final short[] shorts = new short[2];
            int position = world.Unpack(buffer, 0, answer, 0, 1, MPI.INT);
            position = world.Unpack(buffer, position, floats, 0, 4, MPI.FLOAT);
            position = world.Unpack(buffer, position, objects, 0, 2, MPI.OBJECT);
            position = world.Unpack(buffer, position, shorts, 0, 2, MPI.SHORT);
            expect(position == bytes, "unpacked " + position + " of " + bytes + " bytes");
            expect(answer[0] == 42, "int " + answer[0]);
            expect(Arrays.equals(floats, new float[] {0f, 0.75f, 1.5f, 2.25f}), "floats " + Arrays.toString(floats));
            expect("packed".equals(objects[0]) && List.of(1, 2, 3).equals(objects[1]), "objects "
                + Arrays.toString(objects));
            expect(shorts[0] == -5 && shorts[1] == 5, "shorts " + Arrays.toString(shorts));

            final int[] size = new int[1];
            world.Recv(size, 0, 1, MPI.INT, 0, 401);
            final mpjbuf.Buffer mpj = new mpjbuf.Buffer(BufferFactory.create(64 + MPI.RECV_OVERHEAD),
                MPI.RECV_OVERHEAD, 64 + MPI.RECV_OVERHEAD);
            world.Recv(mpj, 0, size[0], MPI.PACKED, 0, 402);
            final double[] doubles = new double[2];
            final boolean[] booleans = new boolean[3];
            final int at = world.Unpack(mpj, world.Unpack(mpj, 0, doubles, 0, 2, MPI.DOUBLE), booleans, 0, 3,
                MPI.BOOLEAN);
            expect(at == size[0] && doubles[0] == 1.1 && doubles[1] == 2.2 && booleans[0] && !booleans[1]
                && booleans[2], "mpjbuf unpack " + Arrays.toString(doubles) + " " + Arrays.toString(booleans));
        }
    }

    /** Isend of a backwards Vector, Irecv into an Indexed type, both directions at once, with Waitall. */
    private static void nonblocking()
    {
        final int n = 16;
        final Datatype backwards = Datatype.Vector(n, 1, -1, MPI.CHAR);
        final int[] evens = new int[n];
        final int[] ones = new int[n];
        for (int i = 0; i < n; i++)
        {
            evens[i] = 2 * i;
            ones[i] = 1;
        }
        final Datatype spread = Datatype.Indexed(ones, evens, MPI.CHAR);
        final char[] out = new char[n];
        for (int i = 0; i < n; i++)
        {
            out[i] = (char)('a' + i + rank);
        }
        final char[] in = new char[2 * n];
        final int peer = 1 - rank;
        final Request[] requests = {world.Irecv(in, 0, 1, spread, peer, 500),
            world.Isend(out, n - 1, 1, backwards, peer, 500)};
        Request.Waitall(requests);
        for (int i = 0; i < n; i++)
        {
            expect(in[2 * i] == (char)('a' + (n - 1 - i) + peer) && in[2 * i + 1] == 0, "char " + i + " = "
                + in[2 * i]);
        }
    }

    /** A Vector of 150,000 ints (beyond the eager limit), received into every other slot. */
    private static void large()
    {
        final int n = 150_000;
        final Datatype strided = Datatype.Vector(n, 1, 3, MPI.INT);
        final Datatype everyOther = Datatype.Vector(n, 1, 2, MPI.INT);
        if (rank == 0)
        {
            final int[] out = new int[3 * n];
            Arrays.setAll(out, i -> i);
            world.Send(out, 0, 1, strided, 1, 600);
        }
        else
        {
            final int[] in = new int[2 * n];
            world.Recv(in, 0, 1, everyOther, 0, 600);
            for (int i = 0; i < n; i++)
            {
                if (in[2 * i] != 3 * i || in[2 * i + 1] != 0)
                {
                    throw new AssertionError("rank 1: large element " + i + " = " + in[2 * i]);
                }
            }
        }
    }
}
