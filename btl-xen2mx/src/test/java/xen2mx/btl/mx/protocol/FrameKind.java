package xen2mx.btl.mx.protocol;

/** The packet kinds of the brief, for tests: CONNECT split into request and reply, HOST into query and reply. */
enum FrameKind
{
    CONNECT_REQUEST(MxoePacketType.CONNECT),
    CONNECT_REPLY(MxoePacketType.CONNECT),
    TINY(MxoePacketType.TINY),
    SMALL(MxoePacketType.SMALL),
    MEDIUM(MxoePacketType.MEDIUM),
    RNDV(MxoePacketType.RNDV),
    PULL(MxoePacketType.PULL),
    PULL_REPLY(MxoePacketType.PULL_REPLY),
    NOTIFY(MxoePacketType.NOTIFY),
    LIBACK(MxoePacketType.TRUC),
    NACK_LIB(MxoePacketType.NACK_LIB),
    NACK_MCP(MxoePacketType.NACK_MCP),
    HOST_QUERY(MxoePacketType.HOST_QUERY),
    HOST_REPLY(MxoePacketType.HOST_REPLY),
    RAW(MxoePacketType.RAW);

    final MxoePacketType type;

    FrameKind(final MxoePacketType type)
    {
        this.type = type;
    }
}
