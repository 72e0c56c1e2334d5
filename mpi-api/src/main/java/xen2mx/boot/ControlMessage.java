package xen2mx.boot;

import java.util.Arrays;

/**
 * One frame of the rank/launcher control protocol, decoded. The layouts are in {@link ControlFrameDescriptor}.
 * Byte arrays are owned by the message: the codec copies nothing further, callers must not modify them.
 */
public sealed interface ControlMessage
{
    /** @return the frame type, one of the {@link ControlFrameDescriptor} type constants. */
    byte type();

    /**
     * A rank introduces itself.
     *
     * @param token the job's secret.
     * @param rank  the rank's world rank.
     * @param pid   the rank's process id.
     */
    record Hello(byte[] token, int rank, long pid) implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.HELLO;
        }

        @Override
        public String toString()
        {
            return "Hello[rank=" + rank + ", pid=" + pid + "]";
        }
    }

    /** @param heartbeatMillis the interval at which the launcher sends {@link Heartbeat}s, {@code > 0}. */
    record Welcome(int heartbeatMillis) implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.WELCOME;
        }
    }

    /** The launcher is alive. */
    record Heartbeat() implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.HEARTBEAT;
        }
    }

    /**
     * @param sequence the all-gather's number, counted per rank from 0.
     * @param data     this rank's contribution.
     */
    record AllgatherPut(int sequence, byte[] data) implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.ALLGATHER_PUT;
        }
    }

    /**
     * @param sequence the all-gather's number.
     * @param data     every rank's contribution, index = rank.
     */
    record AllgatherResult(int sequence, byte[][] data) implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.ALLGATHER_RESULT;
        }

        @Override
        public String toString()
        {
            return "AllgatherResult[sequence=" + sequence + ", ranks=" + data.length + "]";
        }
    }

    /** @param sequence the all-gather a rank has waited too long for. */
    record AllgatherQuery(int sequence) implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.ALLGATHER_QUERY;
        }
    }

    /**
     * @param sequence the all-gather asked about.
     * @param missing  the ranks that have not published it yet, ascending.
     */
    record AllgatherPending(int sequence, int[] missing) implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.ALLGATHER_PENDING;
        }

        @Override
        public String toString()
        {
            return "AllgatherPending[sequence=" + sequence + ", missing=" + Arrays.toString(missing) + "]";
        }
    }

    /**
     * MPI_Abort.
     *
     * @param code   the error code mpirun exits with.
     * @param reason a human-readable reason, possibly null.
     */
    record Abort(int code, String reason) implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.ABORT;
        }
    }

    /**
     * An uncaught exception ended the rank's main.
     *
     * @param exceptionClass the exception's class name.
     * @param message        its message, possibly null.
     * @param firstFrame     its top stack frame as {@link StackTraceElement#toString()}, possibly null.
     */
    record Failure(String exceptionClass, String message, String firstFrame) implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.FAILURE;
        }
    }

    /** The rank completed MPI_Finalize. */
    record Finalized() implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.FINALIZED;
        }
    }

    /** @param acknowledged the type of the frame the launcher has recorded. */
    record Ack(byte acknowledged) implements ControlMessage
    {
        @Override
        public byte type()
        {
            return ControlFrameDescriptor.ACK;
        }
    }
}
