package io.pointsaga.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder between the app and the Temporal server, so a test can make Temporal unreachable
 * (every connection cut, new ones reset at once) or slow (each chunk held back), and bring it back.
 *
 * <p>The listening port is bound once, in the constructor, and kept until {@link #close()}: it is
 * never "found free" and bound again later, so nothing else can take it in between.
 */
final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean connected = true;
  private volatile Duration delayPerChunk = Duration.ZERO;

  TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("the proxy cannot listen", e);
    }
    Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int targetPort() {
    return targetPort;
  }

  /** Forwards connections (again), without delay. */
  void connect() {
    delayPerChunk = Duration.ZERO;
    connected = true;
  }

  /** Cuts every connection and resets new ones at once until {@link #connect()}. */
  void disconnect() {
    connected = false;
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  /** Keeps forwarding, but holds every chunk back this long in each direction. */
  void delay(Duration perChunk) {
    delayPerChunk = perChunk;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      if (!connected) {
        reset(client);
        continue;
      }
      try {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException unreachable) {
        reset(client);
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  Duration delay = delayPerChunk;
                  if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException ended) {
                // one side closed
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0); // RST: the client fails at once instead of waiting
    } catch (IOException ignored) {
      // closing anyway
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    disconnect();
    closeQuietly(server);
  }
}
