package dev.jcompose.api.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFrameDecoderTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> decodeAll(InputStream in) throws IOException {
    List<String> got = new ArrayList<>();
    LogFrameDecoder.decode(in, (stream, payload) -> got.add(stream + ":" + new String(payload, StandardCharsets.UTF_8)));
    return got;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Returns at most {@code step} bytes per read, so frames arrive split across reads. */
  private static InputStream inPieces(byte[] data, int step) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(step, len));
      }
    };
  }

  @Test
  void encode_writesDockerHeader() {
    byte[] frame = LogFrameDecoder.encode(2, utf8("oops\n"));
    assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 5, 'o', 'o', 'p', 's', '\n'}, frame);
  }

  @Test
  void encode_sizeIsBigEndian() {
    byte[] frame = LogFrameDecoder.encode(1, new byte[0x010203]);
    assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0x01, 0x02, 0x03}, Arrays.copyOf(frame, 8));
    assertEquals(8 + 0x010203, frame.length);
  }

  @Test
  void decode_emptyStream_noFrames() throws IOException {
    assertEquals(List.of(), decodeAll(new ByteArrayInputStream(new byte[0])));
  }

  @Test
  void decode_emptyPayload_isDeliveredAsEmptyFrame() throws IOException {
    byte[] data = concat(LogFrameDecoder.encode(1, new byte[0]), LogFrameDecoder.encode(2, utf8("after\n")));
    assertEquals(List.of("1:", "2:after\n"), decodeAll(new ByteArrayInputStream(data)));
  }

  @Test
  void decode_framesSplitAcrossReads() throws IOException {
    byte[] data = concat(LogFrameDecoder.encode(1, utf8("hello\n")), LogFrameDecoder.encode(2, utf8("oops\n")),
        LogFrameDecoder.encode(1, utf8("bye\n")));
    for (int step : new int[] {1, 3, 7, 8, 9}) {
      assertEquals(List.of("1:hello\n", "2:oops\n", "1:bye\n"), decodeAll(inPieces(data, step)), "read size " + step);
    }
  }

  @Test
  void decode_payloadLargerThanOneRead() throws IOException {
    byte[] big = new byte[200_000];
    Arrays.fill(big, (byte) 'x');
    List<byte[]> got = new ArrayList<>();
    LogFrameDecoder.decode(inPieces(LogFrameDecoder.encode(1, big), 4096), (s, p) -> got.add(p));
    assertEquals(1, got.size());
    assertArrayEquals(big, got.get(0));
  }

  @Test
  void decode_partialLinesStayAsSent() throws IOException {
    byte[] data = concat(LogFrameDecoder.encode(1, utf8("no newline")), LogFrameDecoder.encode(1, utf8(" yet\n")));
    assertEquals(List.of("1:no newline", "1: yet\n"), decodeAll(new ByteArrayInputStream(data)));
  }

  @Test
  void decode_stdinStreamNumberZero_isPassedOn() throws IOException {
    assertEquals(List.of("0:in"), decodeAll(new ByteArrayInputStream(LogFrameDecoder.encode(0, utf8("in")))));
  }

  @Test
  void decode_truncatedPayload_failsWithEof() {
    byte[] frame = LogFrameDecoder.encode(1, utf8("hello world\n"));
    byte[] cut = Arrays.copyOf(frame, frame.length - 3);
    assertThrows(EOFException.class, () -> decodeAll(new ByteArrayInputStream(cut)));
  }

  @Test
  void decode_truncatedHeader_endsWithoutFrame() throws IOException {
    byte[] data = concat(LogFrameDecoder.encode(1, utf8("ok\n")), new byte[] {1, 0, 0});
    assertEquals(List.of("1:ok\n"), decodeAll(new ByteArrayInputStream(data)));
  }

  @Test
  void decode_sinkFailure_propagates() {
    IOException boom = new IOException("stdout closed");
    IOException e = assertThrows(IOException.class, () -> LogFrameDecoder.decode(
        new ByteArrayInputStream(LogFrameDecoder.encode(1, utf8("x"))), (s, p) -> {
          throw boom;
        }));
    assertSame(boom, e);
  }
}
