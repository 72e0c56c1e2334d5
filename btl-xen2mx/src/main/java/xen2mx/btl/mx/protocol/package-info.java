/**
 * The MXoE wire codec: Open-MX's MX-over-Ethernet frames (EtherType 0x86DF), big-endian, in Open-MX's default
 * layout and its MX-wire-compatible layout ({@link xen2mx.btl.mx.protocol.MxoeLayout}).
 *
 * <ul>
 *   <li>{@link xen2mx.btl.mx.protocol.MxoeFrameEncoder} writes whole frames through chained flyweights, without
 *       allocating.</li>
 *   <li>{@link xen2mx.btl.mx.protocol.MxoeFrameDecoder} validates a received frame and returns a
 *       {@link xen2mx.btl.mx.protocol.DecodedFrame}: a typed flyweight, or a
 *       {@link xen2mx.btl.mx.protocol.MxoeDropReason} (with the NACK the protocol asks for). It never throws.</li>
 *   <li>{@link xen2mx.btl.mx.protocol.MxoeFrameDescriptor} diagrams every header of both layouts.</li>
 *   <li>{@link xen2mx.btl.mx.protocol.MxoeSeqnum} does the 14-bit sequence / 2-bit session arithmetic.</li>
 * </ul>
 */
package xen2mx.btl.mx.protocol;
