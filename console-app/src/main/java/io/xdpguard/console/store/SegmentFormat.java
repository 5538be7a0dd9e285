package io.xdpguard.console.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The records of a receive-log segment ({@link ReceiveLog}): each is its length and CRC-32, then the broker's
 * profile name, the receive time, the topic and the payload as they came off the wire. A crash can cut the last
 * record short; the checksum also catches one written over by garbage. Reading stops at the first such record.
 */
final class SegmentFormat {
    private static final System.Logger LOG = System.getLogger(SegmentFormat.class.getName());
    /** Larger than any record: MQTT payloads over 64 KiB are rejected before they are logged (Codec). */
    private static final int MAX_RECORD_BYTES = 16 << 20;

    /** One alert as it was received: replayed through the codec at the next start. */
    record Received(String broker, long receivedAt, String topic, byte[] payload) {
    }

    private SegmentFormat() {
    }

    static ByteBuffer encode(String broker, long receivedAt, String topic, byte[] payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + topic.length() + 64);
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.writeUTF(broker);
            out.writeLong(receivedAt);
            out.writeUTF(topic);
            out.writeInt(payload.length);
            out.write(payload);
        }
        byte[] bytes = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return ByteBuffer.allocate(8 + bytes.length).putInt(bytes.length).putInt((int) crc.getValue()).put(bytes)
                .flip();
    }

    /** A segment's records, up to the first one cut short or damaged (logged). */
    static List<Received> read(Path segment) {
        List<Received> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment)))) {
            readAll(in, out, segment);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=receive_log_unreadable segment={0} detail=\"{1}\"", segment, e.getMessage());
        }
        return out;
    }

    private static void readAll(DataInputStream in, List<Received> out, Path segment) throws IOException {
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return;
            }
            try {
                int crc = in.readInt();
                if (length < 0 || length > MAX_RECORD_BYTES) {
                    throw new IOException("record length " + length);
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new EOFException("record cut short");
                }
                CRC32 check = new CRC32();
                check.update(bytes);
                if ((int) check.getValue() != crc) {
                    throw new IOException("checksum mismatch");
                }
                out.add(decode(new DataInputStream(new ByteArrayInputStream(bytes))));
            } catch (IOException bad) {
                LOG.log(Level.WARNING, "event=receive_log_tail_dropped segment={0} detail=\"{1}\"",
                        segment.getFileName(), bad.getMessage());
                return;
            }
        }
    }

    private static Received decode(DataInputStream in) throws IOException {
        String broker = in.readUTF();
        long at = in.readLong();
        String topic = in.readUTF();
        byte[] payload = in.readNBytes(in.readInt());
        return new Received(broker, at, topic, payload);
    }
}
