package io.xdpguard.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xdpguard.agent.bpf.BpfObject;
import io.xdpguard.agent.bpf.BpfProgram;
import io.xdpguard.agent.bpf.BpfTestObjects;
import io.xdpguard.agent.bpf.NetIf;
import io.xdpguard.agent.bpf.NetNs;
import io.xdpguard.agent.bpf.RequiresRoot;
import io.xdpguard.agent.bpf.Xdp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attach and detach on a real veth pair between two namespaces this test creates and deletes:
 * {@code guard} holds one end (198.18.0.1/30) with XDP Guard on it, {@code peer} the other
 * (198.18.0.2/30). Every XDP and interface call runs on the guard namespace's own thread.
 */
@ExtendWith(RequiresRoot.class)
class AttachTest {
    private NetNs guardNs;
    private NetNs peerNs;
    private String dev;

    @BeforeEach
    void veth() throws Exception {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        dev = "xg" + id + "a";
        guardNs = NetNs.create("xgtest-g");
        peerNs = NetNs.create("xgtest-p");
        guardNs.ip("link", "add", dev, "type", "veth", "peer", "name", "xg" + id + "b", "netns", peerNs.name());
        guardNs.ip("addr", "add", "198.18.0.1/30", "dev", dev);
        guardNs.ip("link", "set", dev, "up");
        peerNs.ip("addr", "add", "198.18.0.2/30", "dev", "xg" + id + "b");
        peerNs.ip("link", "set", "xg" + id + "b", "up");
    }

    @AfterEach
    void cleanUp() {
        if (peerNs != null) {
            peerNs.close();
        }
        if (guardNs != null) {
            guardNs.close(); // takes the veth pair with it
        }
    }

    private int xdpId() throws Exception {
        return guardNs.call(() -> XdpGuard.attachedId(NetIf.indexOf(dev)));
    }

    @Test
    void autoAttachesNativeOnVethSeesTrafficAndDetachesOnClose() throws Exception {
        XdpGuard guard = XdpGuard.load(BpfTestObjects.guard());
        try {
            guard.configure(new GuardConfig(GuardMode.MONITOR, 10_000, 10, GuardConfig.MAX_THRESHOLD, 10_000, 60_000));
            BlockingQueue<GuardEvent> events = new LinkedBlockingQueue<>();
            guard.startEvents(events::add);
            guardNs.call(() -> {
                guard.attach(dev, AttachMode.AUTO);
                return null;
            });
            assertThat(guard.attachedMode()).isEqualTo(AttachMode.NATIVE);
            assertThat(guard.ifindex()).isPositive();
            assertThat(xdpId()).isEqualTo(guard.programId());

            // 120 connection attempts from the peer: 120 SYNs, each answered by a RST.
            GuardStats before = guard.stats();
            peerNs.call(() -> {
                for (int i = 0; i < 120; i++) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("198.18.0.1", 9), 1000);
                    } catch (IOException refused) {
                        // expected: nothing listens on port 9
                    }
                }
                return null;
            });
            GuardStats d = guard.stats().minus(before);
            assertThat(d.syn()).isGreaterThanOrEqualTo(120);
            assertThat(d.dropped()).isZero();
            GuardEvent e = events.poll(3, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(GuardEvent.Kind.TARGET_SYN);
            assertThat(e.target()).isEqualTo(InetAddress.getByName("198.18.0.1"));
            assertThat(e.targetPort()).isEqualTo(9);
            assertThat(e.source()).isEqualTo(InetAddress.getByName("198.18.0.2"));
            assertThat(System.nanoTime() - e.kernelTimeNs()).as("delivered promptly").isLessThan(3_000_000_000L);
        } finally {
            guardNs.call(() -> {
                guard.close();
                return null;
            });
        }
        assertThat(xdpId()).as("no XDP program left after close").isZero();
        guard.close(); // idempotent
    }

    @Test
    void genericModeOnRequest() throws Exception {
        XdpGuard guard = XdpGuard.load(BpfTestObjects.guard());
        guardNs.call(() -> {
            try {
                guard.attach(dev, AttachMode.GENERIC);
                assertThat(guard.attachedMode()).isEqualTo(AttachMode.GENERIC);
                assertThat(Xdp.queryId(NetIf.indexOf(dev), Xdp.FLAGS_SKB_MODE)).isEqualTo(guard.programId());
            } finally {
                guard.close();
            }
            return null;
        });
        assertThat(xdpId()).isZero();
        assertThat(guard.attachedMode()).isNull();
    }

    @Test
    void secondGuardIsToldTheInterfaceIsBusy() throws Exception {
        XdpGuard first = XdpGuard.load(BpfTestObjects.guard());
        XdpGuard second = XdpGuard.load(BpfTestObjects.guard());
        try {
            guardNs.call(() -> {
                first.attach(dev, AttachMode.AUTO);
                return null;
            });
            int id = first.programId();
            for (AttachMode mode : AttachMode.values()) {
                assertThatThrownBy(() -> guardNs.call(() -> {
                    second.attach(dev, mode);
                    return null;
                })).isInstanceOf(GuardException.class)
                        .hasMessage("interface " + dev + " already has an XDP program attached (prog id " + id
                                + "): detach it with `ip link set dev " + dev + " xdp off` or stop the other tool");
            }
            assertThat(second.attachedMode()).isNull();
            guardNs.call(() -> {
                second.close(); // must not detach the first one's program
                return null;
            });
            assertThat(xdpId()).isEqualTo(id);
        } finally {
            guardNs.call(() -> {
                first.close();
                second.close();
                return null;
            });
        }
        assertThat(xdpId()).isZero();
    }

    @Test
    void foreignProgramIsNeitherReplacedNorDetached() throws Exception {
        try (BpfObject other = BpfObject.open(BpfTestObjects.pass())) {
            other.load();
            BpfProgram pass = other.program("xdp_pass");
            int ifindex = guardNs.call(() -> NetIf.indexOf(dev));
            guardNs.call(() -> {
                Xdp.attach(ifindex, pass.fd(), Xdp.FLAGS_SKB_MODE, 0);
                return null;
            });
            XdpGuard guard = XdpGuard.load(BpfTestObjects.guard());
            assertThatThrownBy(() -> guardNs.call(() -> {
                guard.attach(dev, AttachMode.AUTO);
                return null;
            })).isInstanceOf(GuardException.class).hasMessageContaining("prog id " + pass.id() + ")");
            guardNs.call(() -> {
                guard.close();
                return null;
            });
            assertThat(xdpId()).isEqualTo(pass.id());
            guardNs.call(() -> {
                Xdp.detach(ifindex, Xdp.FLAGS_SKB_MODE, pass.fd());
                return null;
            });
            assertThat(xdpId()).isZero();
        }
    }

    @Test
    void missingInterfaceIsAClearError() throws Exception {
        try (XdpGuard guard = XdpGuard.load(BpfTestObjects.guard())) {
            assertThatThrownBy(() -> guard.attach("xg-nope0", AttachMode.AUTO))
                    .isInstanceOf(GuardException.class)
                    .hasMessage("interface xg-nope0 not found (check `ip link`)");
            assertThat(guard.attachedMode()).isNull();
        }
    }

    @Test
    void closeToleratesAnInterfaceThatDisappeared() throws Exception {
        XdpGuard guard = XdpGuard.load(BpfTestObjects.guard());
        guardNs.call(() -> {
            guard.attach(dev, AttachMode.NATIVE);
            return null;
        });
        guardNs.ip("link", "del", dev);
        guardNs.call(() -> {
            guard.close();
            return null;
        });
        assertThat(guard.attachedMode()).isNull();
    }

    @Test
    void loadErrorsAreOneClearLine() {
        assertThatThrownBy(() -> XdpGuard.load(java.nio.file.Path.of("/x/none.bpf.o")))
                .isInstanceOf(GuardException.class)
                .hasMessage("BPF object /x/none.bpf.o not found");
    }
}
