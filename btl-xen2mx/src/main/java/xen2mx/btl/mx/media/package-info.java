/**
 * The media under the MX driver core: {@link xen2mx.btl.mx.media.EthernetChannel} and its attachments.
 *
 * <ul>
 * <li>{@link xen2mx.btl.mx.media.RawSocketChannel}: raw {@code AF_PACKET} Ethernet through JNA, with a
 * {@code PACKET_MMAP} receive ring; {@link xen2mx.btl.mx.media.NetInterfaces} finds the interface and
 * {@link xen2mx.btl.mx.media.InNetworkNamespace} opens it inside a network namespace.</li>
 * <li>{@link xen2mx.btl.mx.media.MemoryEthernet}: an in-memory switch whose
 * {@link xen2mx.btl.mx.media.MemoryPort ports} are channels, for tests without root.</li>
 * <li>Faults as a supplied component: {@link xen2mx.btl.mx.media.FaultInjector} (seeded
 * {@link xen2mx.btl.mx.media.RandomFaults}), used by the fabric and by
 * {@link xen2mx.btl.mx.media.FaultInjectingChannel} in front of any channel.</li>
 * <li>{@link xen2mx.btl.mx.media.RawPingPong}: the Java twin of the raw-socket floor.</li>
 * </ul>
 */
package xen2mx.btl.mx.media;
