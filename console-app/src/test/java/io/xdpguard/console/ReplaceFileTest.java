package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xdpguard.console.disk.ReplaceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles, secrets and exports are replaced whole: a failed write changes nothing and leaves nothing. */
class ReplaceFileTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, "old");

        assertThatThrownBy(() -> ReplaceFile.write(file, tmp -> {
            Files.writeString(tmp, "half of the ne");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aWriteReplacesTheFileInANewFolderReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("new-folder").resolve("secrets.p12");

        ReplaceFile.write(file, tmp -> Files.writeString(tmp, "new"));

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
