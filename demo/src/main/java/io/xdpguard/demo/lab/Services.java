package io.xdpguard.demo.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The real service on each monitored host (a tiny TCP server on port 8080) that must keep answering. */
public final class Services implements AutoCloseable {
    public static final int PORT = 8080;

    private final List<ServerSocket> sockets = new ArrayList<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(4,
            r -> Thread.ofPlatform().name("demo-service").daemon(true).unstarted(r));

    public Services start(List<LabNetwork.Host> hosts) throws IOException {
        for (LabNetwork.Host h : hosts) {
            ServerSocket server = new ServerSocket(PORT, 4096, InetAddress.getByName(h.address()));
            sockets.add(server);
            Thread.ofPlatform().name("demo-service-" + h.name()).daemon(true).start(() -> accept(server));
        }
        return this;
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                workers.execute(() -> answer(s));
            } catch (IOException e) {
                // closed: the demo is stopping
            }
        }
    }

    private static void answer(Socket s) {
        try (s) {
            s.getOutputStream().write("ok\n".getBytes());
        } catch (IOException e) {
            // the client went away first; nothing to answer
        }
    }

    @Override
    public void close() {
        for (ServerSocket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        workers.shutdownNow();
    }
}
