package io.xdpguard.agent.bpf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** BPF objects shipped inside the agent jar under /bpf/, extracted to a temp file for libbpf. */
public final class Bundled {
    public static final String GUARD = "xdp_guard.bpf.o";
    public static final String PASS = "xdp_pass.bpf.o";

    private Bundled() {
    }

    /**
     * Copies {@code /bpf/<name>} from the classpath (or this module) to a new temp file. The caller
     * deletes it once the object is opened: libbpf reads the file at open time only.
     */
    public static Path extract(String name) throws BpfException {
        String resource = "/bpf/" + name;
        try (InputStream in = Bundled.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BpfException("BPF object " + resource + " is not bundled in this build (run `make -C bpf`"
                        + " or build edge-agent with Maven, which does)");
            }
            Path tmp = Files.createTempFile("xdpguard-", "-" + name);
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new BpfException("cannot extract " + resource + " to a temp file: " + e.getMessage());
        }
    }

    /** Opens and loads a bundled object, deleting the temp copy. */
    public static BpfObject load(String name) throws BpfException {
        Path tmp = extract(name);
        try {
            BpfObject obj = BpfObject.open(tmp);
            try {
                obj.load();
                return obj;
            } catch (BpfException | RuntimeException e) {
                obj.close();
                throw e;
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
