package io.midcoast.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** TCP port helpers for the stack. */
public final class Ports {

  private Ports() {}

  /** A port that was free on localhost a moment ago (for tests: each part on its own port). */
  public static int free() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException("no free port on localhost", e);
    }
  }

  /** Whether {@code port} can be bound on localhost now. */
  public static boolean isFree(final int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (final IOException e) {
      return false;
    }
  }

  /** Fails with a clear message if {@code port} is taken on localhost. */
  public static void requireFree(final int port, final String usedFor) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (final IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " (for "
              + usedFor
              + ") is already in use: stop what uses it or choose another port",
          e);
    }
  }
}
