package io.xdpguard.agent.guard;

import static io.xdpguard.agent.bpf.Packets.ACK;
import static io.xdpguard.agent.bpf.Packets.DSTOPTS;
import static io.xdpguard.agent.bpf.Packets.HOPOPTS;
import static io.xdpguard.agent.bpf.Packets.PSH;
import static io.xdpguard.agent.bpf.Packets.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xdpguard.agent.bpf.Packets;
import io.xdpguard.agent.bpf.RequiresRoot;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every parse path through the real program (BPF_PROG_TEST_RUN): counted once, in the right class, passed. */
@ExtendWith(RequiresRoot.class)
class ParsingTest {
    private static final String A = "198.18.0.10";
    private static final String T = "198.18.0.1";
    private static final String A6 = "2001:db8::10";
    private static final String T6 = "2001:db8::1";
    private static GuardHarness h;

    @BeforeAll
    static void load() throws Exception {
        // Thresholds out of reach: this class is about parsing, not detection.
        h = GuardHarness.start(GuardHarness.config(GuardMode.ENFORCE, 50, GuardHarness.MAX, GuardHarness.MAX, 1000,
                1000));
    }

    @AfterAll
    static void close() {
        if (h != null) {
            h.close();
        }
    }

    /** Runs one frame once, checks it passed and fell into exactly one class, returns the counter delta. */
    private static GuardStats delta(byte[] frame) throws Exception {
        GuardStats before = h.stats();
        TestRun r = h.once(frame);
        GuardStats d = h.stats().minus(before);
        assertThat(r.action()).as("verdict").isEqualTo(TestRun.XDP_PASS);
        assertThat(d.packets()).isEqualTo(1);
        assertThat(d.bytes()).isEqualTo(frame.length);
        assertThat(d.tcp() + d.udp() + d.icmp() + d.other() + d.parseErrors() + d.fragments())
                .as("exactly one class counter").isEqualTo(1);
        assertThat(d.dropped() + d.wouldDrop()).isZero();
        return d;
    }

    @Test
    void ipv4Syn() throws Exception {
        GuardStats d = delta(Packets.syn(A, T, 80).build());
        assertThat(d.ipv4()).isEqualTo(1);
        assertThat(d.tcp()).isEqualTo(1);
        assertThat(d.syn()).isEqualTo(1);
        assertThat(d.synAck() + d.ack()).isZero();
    }

    @Test
    void ipv4WithOptionsSyn() throws Exception {
        for (int words : new int[] {1, 3, 10}) {
            GuardStats d = delta(Packets.syn(A, T, 80).ipOptions(words).build());
            assertThat(d.syn()).as("ihl %d", 5 + words).isEqualTo(1);
        }
    }

    @Test
    void singleVlan() throws Exception {
        GuardStats d = delta(Packets.syn(A, T, 80).vlan(0x8100, 100).build());
        assertThat(d.ipv4()).isEqualTo(1);
        assertThat(d.syn()).isEqualTo(1);
    }

    @Test
    void doubleVlanQinQ() throws Exception {
        GuardStats d = delta(Packets.syn(A, T, 80).vlan(0x88a8, 100).vlan(0x8100, 200).build());
        assertThat(d.syn()).isEqualTo(1);
        GuardStats v6 = delta(Packets.syn(A6, T6, 443).vlan(0x8100, 7).vlan(0x8100, 8).build());
        assertThat(v6.ipv6()).isEqualTo(1);
        assertThat(v6.syn()).isEqualTo(1);
    }

    @Test
    void threeVlanTagsAreNotIp() throws Exception {
        GuardStats d = delta(Packets.syn(A, T, 80).vlan(0x88a8, 1).vlan(0x8100, 2).vlan(0x8100, 3).build());
        assertThat(d.other()).isEqualTo(1);
        assertThat(d.ipv4()).isZero();
    }

    @Test
    void ipv6Syn() throws Exception {
        GuardStats d = delta(Packets.syn(A6, T6, 443).build());
        assertThat(d.ipv6()).isEqualTo(1);
        assertThat(d.syn()).isEqualTo(1);
    }

    @Test
    void ipv6ExtensionHeaders() throws Exception {
        GuardStats d = delta(Packets.syn(A6, T6, 443).ext(HOPOPTS, 1).ext(DSTOPTS, 2).build());
        assertThat(d.ipv6()).isEqualTo(1);
        assertThat(d.syn()).isEqualTo(1);
        // Six headers is the bound of the walk; a seventh cannot be classified.
        Packets six = Packets.syn(A6, T6, 443);
        Packets seven = Packets.syn(A6, T6, 443);
        for (int i = 0; i < 6; i++) {
            six.ext(DSTOPTS, 1);
            seven.ext(DSTOPTS, 1);
        }
        assertThat(delta(six.build()).syn()).isEqualTo(1);
        assertThat(delta(seven.ext(DSTOPTS, 1).build()).parseErrors()).isEqualTo(1);
    }

    @Test
    void ipv6Fragments() throws Exception {
        assertThat(delta(Packets.syn(A6, T6, 443).fragment(0, true).build()).fragments()).isEqualTo(1);
        assertThat(delta(Packets.syn(A6, T6, 443).fragment(100, false).build()).fragments()).isEqualTo(1);
        // An atomic fragment (offset 0, no more fragments) is a whole datagram.
        assertThat(delta(Packets.syn(A6, T6, 443).ext(HOPOPTS, 1).fragment(0, false).build()).syn()).isEqualTo(1);
    }

    @Test
    void tcpFlagClasses() throws Exception {
        assertThat(delta(Packets.tcp(A, T, 80, SYN | ACK).build()).synAck()).isEqualTo(1);
        assertThat(delta(Packets.tcp(A, T, 80, ACK).build()).ack()).isEqualTo(1);
        assertThat(delta(Packets.tcp(A, T, 80, ACK | PSH).build()).ack()).as("PSH without payload").isEqualTo(1);
        GuardStats data = delta(Packets.tcp(A, T, 80, ACK | PSH).payload(100).build());
        assertThat(data.ack()).as("payload is not a handshake completion").isZero();
        assertThat(data.tcp()).isEqualTo(1);
        GuardStats fin = delta(Packets.tcp(A, T, 80, ACK | Packets.FIN).build());
        assertThat(fin.ack() + fin.syn()).isZero();
        assertThat(delta(Packets.tcp(A6, T6, 80, ACK).build()).ack()).isEqualTo(1);
    }

    @Test
    void udpIcmpAndOther() throws Exception {
        GuardStats u = delta(Packets.udp(A, T, 53).build());
        assertThat(u.udp()).isEqualTo(1);
        assertThat(u.ipv4()).isEqualTo(1);
        assertThat(delta(Packets.udp(A6, T6, 53).build()).udp()).isEqualTo(1);
        assertThat(delta(Packets.icmp(A, T).build()).icmp()).isEqualTo(1);
        assertThat(delta(Packets.icmp(A6, T6).build()).icmp()).isEqualTo(1);
        GuardStats arp = delta(Packets.raw(0x0806, new byte[28]));
        assertThat(arp.other()).isEqualTo(1);
        assertThat(arp.ipv4() + arp.ipv6()).isZero();
        GuardStats gre = delta(Packets.syn(A, T, 0).proto(47).build());
        assertThat(gre.other()).as("GRE").isEqualTo(1);
        assertThat(gre.ipv4()).isEqualTo(1);
    }

    @Test
    void truncatedEthernetAndVlan() throws Exception {
        // The kernel refuses XDP test frames shorter than an Ethernet header, with a clear message.
        assertThatThrownBy(() -> h.once(new byte[10])).isInstanceOf(GuardException.class)
                .hasMessageContaining("at least 14 bytes");
        // A VLAN EtherType with the tag cut off.
        byte[] cut = Arrays.copyOf(Packets.syn(A, T, 80).vlan(0x8100, 5).build(), 16);
        assertThat(delta(cut).parseErrors()).isEqualTo(1);
    }

    @Test
    void truncatedIpv4() throws Exception {
        byte[] full = Packets.syn(A, T, 80).noPad().build();
        GuardStats d = delta(Arrays.copyOf(full, 14 + 10));
        assertThat(d.parseErrors()).isEqualTo(1);
        assertThat(d.ipv4()).isZero();
        byte[] ipOnly = Arrays.copyOf(full, 14);
        assertThat(delta(ipOnly).parseErrors()).isEqualTo(1);
        byte[] v6 = Arrays.copyOf(Packets.syn(A6, T6, 80).noPad().build(), 14 + 30);
        assertThat(delta(v6).parseErrors()).isEqualTo(1);
    }

    @Test
    void badIhl() throws Exception {
        byte[] f = Packets.syn(A, T, 80).build();
        f[14] = 0x44; // ihl 4: shorter than the fixed header
        assertThat(delta(f).parseErrors()).isEqualTo(1);
        byte[] g = Packets.syn(A, T, 80).noPad().build();
        g[14] = 0x4f; // ihl 15: 60 bytes of header in a 40-byte IP packet
        assertThat(delta(g).parseErrors()).isEqualTo(1);
        byte[] v = Packets.syn(A, T, 80).build();
        v[14] = 0x65; // version 6 under EtherType IPv4
        assertThat(delta(v).parseErrors()).isEqualTo(1);
        byte[] len = Packets.syn(A, T, 80).build();
        len[16] = 0;
        len[17] = 10; // tot_len smaller than the header
        assertThat(delta(len).parseErrors()).isEqualTo(1);
    }

    @Test
    void truncatedTcp() throws Exception {
        byte[] f = Arrays.copyOf(Packets.syn(A, T, 80).noPad().build(), 14 + 20 + 10);
        GuardStats d = delta(f);
        assertThat(d.ipv4()).isEqualTo(1);
        assertThat(d.parseErrors()).isEqualTo(1);
        assertThat(d.tcp() + d.syn()).isZero();
        byte[] doff = Packets.syn(A, T, 80).build();
        doff[14 + 20 + 12] = 0x40; // data offset 4
        assertThat(delta(doff).parseErrors()).isEqualTo(1);
    }

    @Test
    void ipv4Fragments() throws Exception {
        GuardStats first = delta(Packets.syn(A, T, 80).fragment(0, true).build());
        assertThat(first.fragments()).isEqualTo(1);
        assertThat(first.ipv4()).isEqualTo(1);
        assertThat(first.syn()).isZero();
        assertThat(delta(Packets.udp(A, T, 53).fragment(185, false).build()).fragments()).isEqualTo(1);
    }

    @Test
    void garbageIsCountedAndPassed() throws Exception {
        Random r = new Random(42);
        long errorsOrOther = 0;
        for (int i = 0; i < 500; i++) {
            byte[] f = new byte[14 + r.nextInt(200)];
            r.nextBytes(f);
            if (i % 3 == 0) {
                f[12] = 0x08; // IPv4 EtherType with random header bytes
                f[13] = 0x00;
            } else if (i % 3 == 1) {
                f[12] = (byte) 0x86;
                f[13] = (byte) 0xdd;
            }
            GuardStats d = delta(f);
            errorsOrOther += d.parseErrors() + d.other() + d.fragments();
        }
        assertThat(errorsOrOther).isPositive();
    }
}
