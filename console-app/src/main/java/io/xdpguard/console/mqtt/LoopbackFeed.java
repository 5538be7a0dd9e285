package io.xdpguard.console.mqtt;

import io.xdpguard.console.sched.Background;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Just enough of an MQTT 5 broker, on loopback, for one client and one job: after the client's first
 * subscription, send it {@code messages} as QoS-1 PUBLISH packets, no more unacknowledged at a time than its
 * receive maximum. It routes nothing (the
 * client receives everything), keeps no session and takes the first connection it gets. The start-up warm-up
 * points a real {@link HiveMqBrokerLink} at it, so that the console's MQTT receive path (Netty, the client's
 * decoding and acknowledgements) has run before the first attack, without a byte sent to the analyst's brokers.
 */
final class LoopbackFeed implements AutoCloseable {
    /** One message to send. */
    record Publish(String topic, byte[] payload) {
    }

    private static final int CONNECT = 1;
    private static final int PUBACK = 4;
    private static final int SUBSCRIBE = 8;
    private static final int PINGREQ = 12;
    private static final int DISCONNECT = 14;

    private final ServerSocket server;
    private final List<Publish> messages;
    // QoS-1 messages not yet acknowledged, at most the client's receive maximum (the console's asks for 65,535).
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(65_535);
    private final Thread reader;
    private volatile Socket socket;
    private volatile Thread writer;

    /** {@code messages} may be computed as they are sent (a list whose {@code get} encodes). */
    LoopbackFeed(List<Publish> messages) throws IOException {
        this.messages = messages;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.reader = Background.thread("xg-warmup-feed", Background.STORAGE, this::serve);
        reader.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
        try (Socket s = server.accept()) {
            socket = s;
            var in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            var out = new BufferedOutputStream(s.getOutputStream());
            while (true) {
                int type = in.readUnsignedByte() >> 4;
                byte[] body = in.readNBytes(varInt(in));
                switch (type) {
                    case CONNECT -> send(out, 0x20, new byte[] {0, 0, 0});
                    case SUBSCRIBE -> {
                        send(out, 0x90, subAck(body));
                        if (writer == null) {
                            Thread w = Background.thread("xg-warmup-publish", Background.STORAGE, () -> publishAll(out));
                            writer = w;
                            w.start();
                        }
                    }
                    case PUBACK -> inFlight.release();
                    case PINGREQ -> send(out, 0xD0, new byte[0]);
                    case DISCONNECT -> {
                        return;
                    }
                    default -> {
                        // Nothing else needs an answer for this job.
                    }
                }
            }
        } catch (IOException e) {
            // The client went away or the feed was closed: the warm-up reports what it received.
        }
    }

    private void publishAll(OutputStream out) {
        try {
            int id = 0;
            for (Publish p : messages) {
                inFlight.acquire();
                id = id % 65_535 + 1;
                byte[] topic = p.topic().getBytes(StandardCharsets.UTF_8);
                var body = new ByteArrayOutputStream(topic.length + p.payload().length + 5);
                body.write(topic.length >> 8);
                body.write(topic.length);
                body.write(topic);
                body.write(id >> 8);
                body.write(id);
                body.write(0);
                body.write(p.payload());
                send(out, 0x32, body.toByteArray());
            }
        } catch (IOException | InterruptedException e) {
            // As above: the warm-up counts what arrived.
        }
    }

    /** Every filter of the SUBSCRIBE granted at QoS 1. */
    private static byte[] subAck(byte[] subscribe) throws IOException {
        var in = new DataInputStream(new java.io.ByteArrayInputStream(subscribe));
        int packetId = in.readUnsignedShort();
        in.skipNBytes(varInt(in));
        int filters = 0;
        while (in.available() > 0) {
            in.skipNBytes(in.readUnsignedShort() + 1);
            filters++;
        }
        byte[] ack = new byte[3 + filters];
        ack[0] = (byte) (packetId >> 8);
        ack[1] = (byte) packetId;
        java.util.Arrays.fill(ack, 3, ack.length, (byte) 1);
        return ack;
    }

    private static void send(OutputStream out, int header, byte[] body) throws IOException {
        synchronized (out) {
            out.write(header);
            int n = body.length;
            do {
                int b = n % 128;
                n /= 128;
                out.write(n > 0 ? b | 0x80 : b);
            } while (n > 0);
            out.write(body);
            out.flush();
        }
    }

    private static int varInt(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed remaining length");
    }

    @Override
    public void close() {
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
        try {
            server.close();
            Socket s = socket;
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            // Closing a loopback socket: nothing to report.
        }
    }
}
