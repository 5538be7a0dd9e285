package io.xdpguard.console.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a whole file so that readers, and a crash, see either the old content or the new, never half of it: the
 * content goes to a temporary file next to it, which is then moved over it in one step. A failed write leaves
 * nothing behind: no temporary file, and the old file unchanged. The temporary file, and so the result, can be read
 * and written by its owner only (where the file system has POSIX permissions): profiles, secrets and exported
 * alerts are nobody else's business.
 */
public final class ReplaceFile {
    /** What writes the content, to the path it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    private ReplaceFile() {
    }

    /** Creates {@code file}'s folder if needed, then replaces {@code file} with what {@code content} writes. */
    public static void write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp");
        try {
            content.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
