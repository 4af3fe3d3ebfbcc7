package dev.jcompose.engine.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * What a streaming route writes, sent on as it comes: each write is copied into a buffer, wrapped
 * ({@code DefaultHttpContent::new} for a chunk, as is for a hijacked connection) and flushed.
 * Fails once the client has gone, so that the route stops producing.
 */
final class ChannelOutputStream extends OutputStream {
  private final ChannelHandlerContext ctx;
  private final Function<ByteBuf, Object> wrap;

  ChannelOutputStream(ChannelHandlerContext ctx, Function<ByteBuf, Object> wrap) {
    this.ctx = ctx;
    this.wrap = wrap;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (!ctx.channel().isActive()) {
      throw new IOException("the client went away");
    }
    io.netty.channel.ChannelFuture f = ctx.writeAndFlush(wrap.apply(Unpooled.copiedBuffer(b, off, len)));
    // Backpressure: a writer faster than its client (image save of a few hundred MB) would
    // otherwise queue everything it writes in the heap. Routes write on a blocking-work thread,
    // never on the event loop, so waiting for the write to go out is allowed there.
    if (!ctx.channel().isWritable() && !ctx.executor().inEventLoop()) {
      f.awaitUninterruptibly();
      if (!f.isSuccess()) {
        throw new IOException("the client went away", f.cause());
      }
    }
  }
}
