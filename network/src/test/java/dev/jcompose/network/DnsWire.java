package dev.jcompose.network;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal DNS client for tests, written without Netty so that it checks our use of the codec. */
final class DnsWire {

  static final int A = 1;
  static final int AAAA = 28;

  /** The parts of a response the tests look at. */
  record Answer(int id, int rcode, boolean authoritative, List<String> addresses) {}

  private DnsWire() {}

  static byte[] query(int id, String name, int type) {
    ByteBuffer b = ByteBuffer.allocate(512);
    b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
    for (String label : name.split("\\.")) {
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      b.put((byte) l.length).put(l);
    }
    b.put((byte) 0).putShort((short) type).putShort((short) 1);
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  static Answer parse(byte[] msg) {
    ByteBuffer b = ByteBuffer.wrap(msg);
    int id = b.getShort() & 0xFFFF;
    int flags = b.getShort() & 0xFFFF;
    int qd = b.getShort() & 0xFFFF;
    int an = b.getShort() & 0xFFFF;
    b.getShort();
    b.getShort();
    for (int i = 0; i < qd; i++) {
      skipName(b);
      b.getInt();
    }
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < an; i++) {
      skipName(b);
      int type = b.getShort() & 0xFFFF;
      b.getShort();
      b.getInt();
      int len = b.getShort() & 0xFFFF;
      byte[] data = new byte[len];
      b.get(data);
      if (type == A && len == 4) {
        addresses.add((data[0] & 0xFF) + "." + (data[1] & 0xFF) + "." + (data[2] & 0xFF) + "." + (data[3] & 0xFF));
      }
    }
    return new Answer(id, flags & 0xF, (flags & 0x0400) != 0, addresses);
  }

  /** One query over UDP from {@code source} (an address of this host) to {@code server}; retries twice. */
  static Answer udp(InetAddress source, InetSocketAddress server, String name, int type) throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(source, 0))) {
      s.setSoTimeout(3000);
      byte[] q = query(0x1234, name, type);
      for (int attempt = 0; ; attempt++) {
        s.send(new DatagramPacket(q, q.length, server));
        DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
        try {
          s.receive(p);
          byte[] msg = new byte[p.getLength()];
          System.arraycopy(p.getData(), 0, msg, 0, p.getLength());
          return parse(msg);
        } catch (java.net.SocketTimeoutException e) {
          if (attempt == 2) {
            throw e;
          }
        }
      }
    }
  }

  /** One query over TCP (two-byte length prefix). */
  static Answer tcp(InetAddress source, InetSocketAddress server, String name, int type) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(source, 0));
      s.connect(server, 3000);
      s.setSoTimeout(3000);
      byte[] q = query(0x4321, name, type);
      OutputStream out = s.getOutputStream();
      out.write(new byte[] {(byte) (q.length >> 8), (byte) q.length});
      out.write(q);
      out.flush();
      InputStream in = s.getInputStream();
      DataInputStream d = new DataInputStream(in);
      int len = d.readUnsignedShort();
      byte[] msg = new byte[len];
      d.readFully(msg);
      return parse(msg);
    }
  }

  private static void skipName(ByteBuffer b) {
    while (true) {
      int len = b.get() & 0xFF;
      if (len == 0) {
        return;
      }
      if ((len & 0xC0) == 0xC0) {
        b.get();
        return;
      }
      b.position(b.position() + len);
    }
  }
}
