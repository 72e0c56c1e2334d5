package xen2mx.btl.mx.lib;

/** Library counters of one endpoint, with stable ids and labels (read with {@link MxEndpoint#counter}). */
public enum MxCounter
{
    /** Messages handed to the driver for the first time (a medium counts once). */
    MESSAGES_SENT(0, "Messages sent"),
    /** Messages handed to the driver again because no ack came in time. */
    RESENDS(1, "Resends"),
    /** Messages received in order and processed (matched or queued as unexpected). */
    MESSAGES_RECEIVED(2, "Messages received"),
    /** Packets received that were already received (or obsolete), dropped. */
    DUPLICATES(3, "Duplicates dropped"),
    /** Packets received ahead of their turn and kept on an early queue. */
    EARLY_QUEUED(4, "Early packets queued"),
    /** Packets received ahead of their turn beyond the early window or queue bound, dropped. */
    EARLY_DROPPED(5, "Early packets dropped"),
    /** Packets whose 2-bit session number is stale, dropped. */
    STALE_SESSION(6, "Stale-session packets dropped"),
    /** Packets from an endpoint we have no partner state for, dropped. */
    UNKNOWN_PARTNER(7, "Packets from unknown partners"),
    /** Standalone acks (TRUC/liback) sent. */
    ACKS_SENT(8, "Acks sent"),
    /** Standalone acks received. */
    ACKS_RECEIVED(9, "Acks received"),
    /** NACK_LIB received. */
    NACKS_RECEIVED(10, "NACKs received"),
    /** Connect requests received. */
    CONNECT_REQUESTS(11, "Connect requests received"),
    /** Connect requests refused for a bad key. */
    BAD_KEYS(12, "Connects refused (bad key)"),
    /** Messages that matched no posted receive on arrival. */
    UNEXPECTED(13, "Unexpected messages"),
    /** Pulls started for large messages. */
    PULLS(14, "Pulls started"),
    /** RNDVs sent again while waiting for the NOTIFY, to learn whether the receiver still exists. */
    LIVENESS_PROBES(15, "Rendezvous liveness probes"),
    /** Commands the driver refused (other than for lack of resources). */
    DRIVER_ERRORS(16, "Driver command errors"),
    /** Sends delayed by throttling (too many unacknowledged messages to one partner). */
    THROTTLED(17, "Throttled sends"),
    /** Sends or pulls delayed for lack of send queue slots, regions or driver resources. */
    NEED_RESOURCES(18, "Requests waiting for resources"),
    /** Partners declared unreachable after too many resends. */
    UNREACHABLE(19, "Partners unreachable"),
    /** Progress passes of the background thread that found work (the application had left the endpoint alone). */
    BACKGROUND_PROGRESS(20, "Background progress passes with work");

    private final int id;
    private final String label;

    MxCounter(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /** @return the stable id. */
    public int id()
    {
        return id;
    }

    /** @return the human-readable label. */
    public String label()
    {
        return label;
    }
}
