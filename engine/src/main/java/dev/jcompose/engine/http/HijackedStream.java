package dev.jcompose.engine.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Docker's connection hijack ({@code POST /containers/{id}/attach} with {@code Connection: Upgrade},
 * {@code Upgrade: tcp}): answers {@code 101 UPGRADED}, takes the HTTP codec off the connection and
 * writes the response's bytes straight to it, then closes it. The client shuts its sending side
 * down at once when it has no stdin ({@code docker run} without {@code -i}), so the connection
 * allows half-closure from here on; what the client sends is dropped (no stdin yet).
 */
final class HijackedStream {
  private static final Logger LOG = Logger.getLogger(HijackedStream.class.getName());

  private HijackedStream() {}

  static void serve(ChannelHandlerContext ctx, ApiResponse.Hijacked h) {
    ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    FullHttpResponse head = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, new HttpResponseStatus(101, "UPGRADED"));
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, h.contentType());
    head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    head.headers().set(HttpHeaderNames.UPGRADE, "tcp");
    head.headers().set("Api-Version", "1.41");
    ctx.writeAndFlush(head).syncUninterruptibly();
    // from here on the connection carries the raw stream: no HTTP framing either way
    ctx.channel().eventLoop().submit(() -> {
      if (ctx.pipeline().get(HttpServerCodec.class) != null) {
        ctx.pipeline().remove(HttpServerCodec.class);
      }
    }).syncUninterruptibly();
    OutputStream out = new ChannelOutputStream(ctx, buf -> buf);
    try {
      h.writer().writeTo(out);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "hijacked stream ended early", e);
    }
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }
}
