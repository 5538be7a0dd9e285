package io.xdpguard.agent.bpf;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side frame builder: Ethernet, up to two VLAN tags, IPv4 (with options, fragments) or IPv6
 * (with extension headers), TCP/UDP/ICMP. Lengths and the IPv4 header checksum are correct; L4
 * checksums are left zero (XDP Guard does not read them). Frames shorter than 60 bytes are padded
 * like a NIC would, which is exactly what makes "no TCP payload" a matter of IP lengths.
 */
public final class Packets {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;
    public static final int HOPOPTS = 0;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int DSTOPTS = 60;

    private final List<int[]> vlans = new ArrayList<>();
    private final List<int[]> ext = new ArrayList<>(); // {type, length or fragment info}
    private int etherType = -1;
    private InetAddress src;
    private InetAddress dst;
    private int proto = TCP;
    private int srcPort = 40000;
    private int dstPort = 80;
    private int flags = SYN;
    private byte[] payload = new byte[0];
    private int ipOptionWords;
    private int fragOffset;
    private boolean moreFragments;
    private boolean pad = true;

    private Packets() {
    }

    public static Packets tcp(String src, String dst, int dstPort, int flags) {
        Packets p = new Packets();
        p.src = addr(src);
        p.dst = addr(dst);
        p.dstPort = dstPort;
        p.flags = flags;
        return p;
    }

    public static Packets syn(String src, String dst, int dstPort) {
        return tcp(src, dst, dstPort, SYN);
    }

    public static Packets udp(String src, String dst, int dstPort) {
        Packets p = tcp(src, dst, dstPort, 0);
        p.proto = UDP;
        return p;
    }

    public static Packets icmp(String src, String dst) {
        Packets p = tcp(src, dst, 0, 0);
        p.proto = p.src instanceof Inet4Address ? ICMP : ICMPV6;
        return p;
    }

    /** A non-IP frame (e.g. 0x0806 ARP) with {@code body} after the Ethernet header. */
    public static byte[] raw(int etherType, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + body.length));
        b.put(mac(2)).put(mac(1)).putShort((short) etherType).put(body);
        return b.array();
    }

    public Packets vlan(int tpid, int vid) {
        vlans.add(new int[] {tpid, vid});
        return this;
    }

    public Packets srcPort(int port) {
        srcPort = port;
        return this;
    }

    public Packets payload(int bytes) {
        payload = new byte[bytes];
        return this;
    }

    /** IPv4 options: {@code words} 32-bit words of NOPs (ihl = 5 + words). */
    public Packets ipOptions(int words) {
        ipOptionWords = words;
        return this;
    }

    /** IPv4: offset in 8-byte units and the MF flag; IPv6: adds a fragment header. */
    public Packets fragment(int offset8, boolean more) {
        fragOffset = offset8;
        moreFragments = more;
        if (!(src instanceof Inet4Address)) {
            ext.add(new int[] {FRAGMENT, offset8, more ? 1 : 0});
        }
        return this;
    }

    /** IPv6 extension header (hop-by-hop, routing or destination options) of {@code len8} x 8 bytes. */
    public Packets ext(int type, int len8) {
        ext.add(new int[] {type, len8});
        return this;
    }

    /** Another IP protocol number (the L4 bytes are then an opaque 8-byte header). */
    public Packets proto(int ipProto) {
        proto = ipProto;
        return this;
    }

    public Packets etherType(int type) {
        etherType = type;
        return this;
    }

    public Packets noPad() {
        pad = false;
        return this;
    }

    public byte[] build() {
        byte[] l4 = l4();
        byte[] l3 = src instanceof Inet4Address ? ipv4(l4) : ipv6(l4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(mac(2));
        out.writeBytes(mac(1));
        int inner = etherType >= 0 ? etherType : src instanceof Inet4Address ? 0x0800 : 0x86dd;
        int next = vlans.isEmpty() ? inner : vlans.getFirst()[0];
        for (int i = 0; i < vlans.size(); i++) {
            short16(out, next);
            next = i + 1 < vlans.size() ? vlans.get(i + 1)[0] : inner;
            short16(out, vlans.get(i)[1]);
        }
        short16(out, next);
        out.writeBytes(l3);
        byte[] frame = out.toByteArray();
        if (pad && frame.length < 60) {
            frame = java.util.Arrays.copyOf(frame, 60);
        }
        return frame;
    }

    private byte[] l4() {
        ByteBuffer b;
        switch (proto) {
            case TCP -> {
                b = ByteBuffer.allocate(20 + payload.length);
                b.putShort((short) srcPort).putShort((short) dstPort).putInt(1000).putInt(flags & ACK) // seq, ack
                        .put((byte) (5 << 4)).put((byte) flags).putShort((short) 65535).putShort((short) 0)
                        .putShort((short) 0);
            }
            case UDP -> {
                b = ByteBuffer.allocate(8 + payload.length);
                b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length))
                        .putShort((short) 0);
            }
            default -> {
                b = ByteBuffer.allocate(8 + payload.length);
                b.put((byte) (proto == ICMP ? 8 : 128)).put((byte) 0).putShort((short) 0).putInt(0x12340001);
            }
        }
        b.put(payload);
        return b.array();
    }

    private byte[] ipv4(byte[] l4) {
        int hlen = 20 + 4 * ipOptionWords;
        ByteBuffer b = ByteBuffer.allocate(hlen + l4.length);
        b.put((byte) (0x40 | hlen / 4)).put((byte) 0).putShort((short) (hlen + l4.length)).putShort((short) 0x1234)
                .putShort((short) ((moreFragments ? 0x2000 : 0) | fragOffset)).put((byte) 64).put((byte) proto)
                .putShort((short) 0).put(src.getAddress()).put(dst.getAddress());
        for (int i = 0; i < 4 * ipOptionWords; i++) {
            b.put((byte) 1); // NOP
        }
        byte[] h = b.array();
        int sum = checksum(h, hlen);
        h[10] = (byte) (sum >> 8);
        h[11] = (byte) sum;
        System.arraycopy(l4, 0, h, hlen, l4.length);
        return h;
    }

    private byte[] ipv6(byte[] l4) {
        ByteArrayOutputStream exts = new ByteArrayOutputStream();
        for (int i = 0; i < ext.size(); i++) {
            int[] e = ext.get(i);
            int next = i + 1 < ext.size() ? ext.get(i + 1)[0] : proto;
            if (e[0] == FRAGMENT) {
                exts.write(next);
                exts.write(0);
                short16(exts, (e[1] << 3) | e[2]);
                exts.writeBytes(new byte[] {0, 0, 0x12, 0x34});
            } else {
                int len = 8 * e[1];
                exts.write(next);
                exts.write(e[1] - 1);
                exts.writeBytes(padN(len - 2)); // PadN option filling the header
            }
        }
        byte[] x = exts.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(40 + x.length + l4.length);
        b.putInt(0x60000000).putShort((short) (x.length + l4.length))
                .put((byte) (ext.isEmpty() ? proto : ext.getFirst()[0])).put((byte) 64)
                .put(src.getAddress()).put(dst.getAddress()).put(x).put(l4);
        return b.array();
    }

    private static byte[] padN(int n) {
        byte[] o = new byte[n];
        if (n >= 2) {
            o[0] = 1; // PadN
            o[1] = (byte) (n - 2);
        }
        return o;
    }

    private static int checksum(byte[] h, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += ((h[i] & 0xff) << 8) | (h[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return ~sum & 0xffff;
    }

    private static void short16(ByteArrayOutputStream o, int v) {
        o.write(v >> 8);
        o.write(v);
    }

    private static byte[] mac(int last) {
        return new byte[] {0x02, 0x00, 0x00, 0x00, 0x00, (byte) last};
    }

    public static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no DNS
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
