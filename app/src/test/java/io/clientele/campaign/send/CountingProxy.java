package io.clientele.campaign.send;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a server (GreenMail's SMTP port) that counts the connections made through it: what a
 * relay that throttles connections would see.
 */
final class CountingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    CountingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Connections open right now. */
    int open() {
        return open.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                open.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pipe(client, server, true));
                Thread.ofVirtual().start(() -> pipe(server, client, false));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean counts) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            forget(from);
            forget(to);
            if (counts) {
                open.decrementAndGet();
            }
        }
    }

    /** Drops every open connection, as a server does with idle ones. */
    void dropAll() {
        sockets.forEach(CountingProxy::closeQuietly);
    }

    private void forget(Socket socket) {
        sockets.remove(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        acceptor.interrupt();
    }
}
