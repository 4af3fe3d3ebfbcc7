package dev.jcompose.runtime;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** For the tests: an exec's multiplexed output, split into stdout and stderr, and its exit code. */
record ExecOutput(String stdout, String stderr, int exitCode) {

  static ExecOutput of(ExecProcess p) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    decode(p.output(), out, err);
    return new ExecOutput(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), p.exitCode().get());
  }

  /** Frames of [stream, 0, 0, 0, size (4 bytes, big-endian)] + payload, as jc-helper exec writes them. */
  static void decode(InputStream in, ByteArrayOutputStream out, ByteArrayOutputStream err) throws IOException {
    DataInputStream data = new DataInputStream(in);
    while (true) {
      int stream;
      try {
        stream = data.readInt() >>> 24;
      } catch (EOFException e) {
        return;
      }
      byte[] payload = new byte[data.readInt()];
      data.readFully(payload);
      switch (stream) {
        case 1 -> out.write(payload);
        case 2 -> err.write(payload);
        default -> throw new IOException("frame of unknown stream " + stream);
      }
    }
  }
}
