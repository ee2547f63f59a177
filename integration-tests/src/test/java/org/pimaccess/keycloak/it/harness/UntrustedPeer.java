package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * A client that reaches Keycloak directly instead of through the trusted proxy: a TCP relay on
 * loopback whose connections to Keycloak leave from {@link #ADDRESS}, an address that is not in the
 * server's {@code --proxy-trusted-addresses}. Route a browser through {@link #uri()}.
 */
public final class UntrustedPeer implements AutoCloseable {

    /** Loopback, but not the address the test server trusts as its proxy. */
    public static final String ADDRESS = "127.0.0.2";

    private final ServerSocket listener;
    private final URI keycloak;

    private UntrustedPeer(ServerSocket listener, URI keycloak) {
        this.listener = listener;
        this.keycloak = keycloak;
    }

    public static UntrustedPeer start(PimKeycloak keycloak) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            UntrustedPeer peer = new UntrustedPeer(listener, keycloak.baseUrl());
            Thread accepting = new Thread(peer::accept, "untrusted-peer");
            accepting.setDaemon(true);
            accepting.start();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where to send requests that should reach Keycloak from {@link #ADDRESS}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.bind(new InetSocketAddress(ADDRESS, 0));
                server.connect(new InetSocketAddress("127.0.0.1", keycloak.getPort()));
                pump(client, server);
                pump(server, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "untrusted-peer-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
