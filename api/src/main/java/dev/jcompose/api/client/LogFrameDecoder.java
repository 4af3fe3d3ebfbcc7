package dev.jcompose.api.client;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes Docker's multiplexed log stream: frames of an 8-byte header {@code [stream, 0, 0, 0,
 * size (4 bytes, big-endian)]} followed by {@code size} bytes; stream 1 is stdout, 2 stderr.
 */
public final class LogFrameDecoder {
  private LogFrameDecoder() {}

  /** Receives decoded frames. */
  @FunctionalInterface
  public interface Sink {
    void accept(int stream, byte[] payload) throws IOException;
  }

  public static void decode(InputStream in, Sink sink) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[8];
    while (true) {
      try {
        data.readFully(header);
      } catch (EOFException e) {
        return;
      }
      int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      byte[] payload = new byte[size];
      data.readFully(payload);
      sink.accept(header[0], payload);
    }
  }

  /** Encodes one frame; the engine's side of the same format. */
  public static byte[] encode(int stream, byte[] payload) {
    byte[] frame = new byte[8 + payload.length];
    frame[0] = (byte) stream;
    frame[4] = (byte) (payload.length >>> 24);
    frame[5] = (byte) (payload.length >>> 16);
    frame[6] = (byte) (payload.length >>> 8);
    frame[7] = (byte) payload.length;
    System.arraycopy(payload, 0, frame, 8, payload.length);
    return frame;
  }
}
