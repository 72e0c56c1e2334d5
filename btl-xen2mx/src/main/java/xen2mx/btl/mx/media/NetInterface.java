package xen2mx.btl.mx.media;

/**
 * One network interface as {@link NetInterfaces} found it, in the network namespace of the thread that looked.
 *
 * @param name     e.g. {@code eth0}.
 * @param index    its ifindex.
 * @param mac      its hardware address, 6 bytes for Ethernet (a copy is the caller's own).
 * @param mtu      its MTU.
 * @param up       administratively up ({@code IFF_UP}).
 * @param running  up with a carrier ({@code IFF_RUNNING}).
 * @param loopback the loopback device.
 * @param ethernet an Ethernet device ({@code ARPHRD_ETHER}): veth, bridge, physical NIC.
 */
public record NetInterface(String name, int index, byte[] mac, int mtu, boolean up, boolean running,
    boolean loopback, boolean ethernet)
{
    /** @return true if raw MXoE frames can use it by default: Ethernet, not loopback, up and with a carrier. */
    public boolean usable()
    {
        return ethernet && !loopback && up && running;
    }

    /** @return e.g. {@code veth0 (ifindex 2, 0a:1b:..., MTU 9000, up)}. */
    public String describe()
    {
        return name + " (ifindex " + index + ", " + (mac.length == MacAddresses.LENGTH ? MacAddresses.format(mac) :
            "no MAC") + ", MTU " + mtu + ", " + (up ? running ? "up" : "up, no carrier" : "down") +
            (loopback ? ", loopback" : "") + ")";
    }
}
