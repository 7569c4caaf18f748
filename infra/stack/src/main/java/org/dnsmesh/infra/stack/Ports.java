package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks made before anything starts, so a taken port fails fast with its name and its knob. */
public final class Ports {
  private Ports() {}

  public static void requireFree(int port, String what, String setting) {
    if (!isFree(port)) {
      throw new StackException("Port " + port + " (" + what + ") is already in use on 127.0.0.1. "
          + "Stop whatever listens there (`ss -ltnp 'sport = :" + port + "'` shows it), or pick another port "
          + "with " + setting + "=<port>. If it is an earlier mesh, run `./mesh down`.");
    }
  }

  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port the OS considers free right now (for tests that run beside a developer's own mesh). */
  public static int findFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StackException("No free TCP port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
