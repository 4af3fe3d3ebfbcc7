package dev.jcompose.engine.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.api.model.ErrorResponse;
import dev.jcompose.api.model.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns HTTP requests into {@link ApiRequest}s for the {@link Router}. Bodies are collected in
 * memory, or streamed to a temporary file when they are tarballs; routes run on a worker pool
 * because they block (starting a container, following a log).
 */
final class ApiHandler extends SimpleChannelInboundHandler<HttpObject> {
  private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
  private static final ObjectMapper JSON = Json.mapper();
  private static final long MAX_JSON_BODY = 16 * 1024 * 1024;
  private final Router router;
  private final ExecutorService blockingWork;
  private final Path uploadDir;

  private HttpRequest request;
  private ByteArrayOutputStream memoryBody;
  private Path fileBody;
  private FileChannel fileChannel;

  ApiHandler(Router router, ExecutorService blockingWork, Path uploadDir) {
    this.router = router;
    this.blockingWork = blockingWork;
    this.uploadDir = uploadDir;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws Exception {
    if (msg instanceof HttpRequest req) {
      request = req;
      String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
      if (type.contains("tar") || type.contains("octet-stream")) {
        Files.createDirectories(uploadDir);
        fileBody = Files.createTempFile(uploadDir, "upload-", ".tar");
        fileChannel = FileChannel.open(fileBody, StandardOpenOption.WRITE);
      } else {
        memoryBody = new ByteArrayOutputStream();
      }
    }
    if (msg instanceof HttpContent content) {
      ByteBuf buf = content.content();
      if (fileChannel != null) {
        buf.readBytes(fileChannel, fileChannel.position(), buf.readableBytes());
        fileChannel.position(fileChannel.size());
      } else if (memoryBody != null) {
        if (memoryBody.size() + buf.readableBytes() > MAX_JSON_BODY) {
          memoryBody = null;
          sendError(ctx, 413, "the request body is larger than " + MAX_JSON_BODY + " bytes");
          return;
        }
        buf.readBytes(memoryBody, buf.readableBytes());
      }
      if (msg instanceof LastHttpContent) {
        dispatch(ctx);
      }
    }
  }

  private void dispatch(ChannelHandlerContext ctx) throws IOException {
    HttpRequest req = request;
    ApiRequest.Body body;
    Path upload = fileBody;
    if (fileChannel != null) {
      fileChannel.close();
      fileChannel = null;
      body = ApiRequest.Body.ofFile(fileBody);
    } else if (memoryBody != null) {
      body = ApiRequest.Body.of(memoryBody.toByteArray());
    } else {
      return; // already answered (body too large)
    }
    memoryBody = null;
    fileBody = null;
    QueryStringDecoder qs = new QueryStringDecoder(req.uri());
    ApiRequest apiRequest = new ApiRequest(req.method().name(), Router.stripVersion(qs.path()), qs.parameters(), java.util.Map.of(), body);
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    boolean upgrade = req.headers().contains(HttpHeaderNames.UPGRADE);
    busy = true;
    request = null;
    blockingWork.execute(() -> {
      try {
        ApiResponse response = router.dispatch(apiRequest);
        if (response instanceof ApiResponse.Hijacked h) {
          if (upgrade) {
            HijackedStream.serve(ctx, h);
            return;
          }
          response = new ApiResponse.Streaming(200, h.contentType(), h.writer());
        }
        respond(ctx, response, keepAlive);
      } catch (ApiException e) {
        if (e.status() == 304) {
          writeFull(ctx, 304, null, keepAlive);
        } else {
          sendError(ctx, e.status(), e.getMessage());
        }
      } catch (RuntimeException | Error e) {
        // every request gets an answer, even on an Error: a client must never wait forever
        LOG.log(Level.WARNING, apiRequest.method() + " " + apiRequest.path() + " failed", e);
        sendError(ctx, 500, e.getMessage() == null ? e.toString() : e.getMessage());
      } finally {
        busy = false;
        if (upload != null) {
          try {
            Files.deleteIfExists(upload);
          } catch (IOException ignored) {
            // the upload dir is emptied at the next engine start
          }
        }
      }
    });
  }

  private void respond(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    java.util.Map<String, String> extra = java.util.Map.of();
    if (response instanceof ApiResponse.WithHeaders w) {
      extra = w.headers();
      response = w.response();
    }
    EXTRA_HEADERS.set(extra);
    try {
      respondWith(ctx, response, keepAlive);
    } finally {
      EXTRA_HEADERS.remove();
    }
  }

  /** Headers of a {@link ApiResponse.WithHeaders} for the response being written on this worker thread. */
  private static final ThreadLocal<java.util.Map<String, String>> EXTRA_HEADERS = ThreadLocal.withInitial(java.util.Map::of);

  private void respondWith(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    if (response instanceof ApiResponse.JsonBody j) {
      writeFull(ctx, j.status(), j.value() == null ? null : jsonBytes(j.value()), keepAlive);
    } else if (response instanceof ApiResponse.Text t) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(t.status()),
          Unpooled.copiedBuffer(t.text(), java.nio.charset.StandardCharsets.UTF_8));
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, t.contentType());
      send(ctx, r, keepAlive);
    } else if (response instanceof ApiResponse.Streaming s) {
      stream(ctx, s);
    }
  }

  private void stream(ChannelHandlerContext ctx, ApiResponse.Streaming s) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(s.status()));
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, s.contentType());
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    EXTRA_HEADERS.get().forEach((k, v) -> head.headers().set(k, v));
    ctx.writeAndFlush(head);
    OutputStream out = new ChannelOutputStream(ctx, DefaultHttpContent::new);
    try {
      s.writer().writeTo(out);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "stream ended early", e);
    }
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
  }

  private void sendError(ChannelHandlerContext ctx, int status, String message) {
    writeFull(ctx, status, jsonBytes(new ErrorResponse(message)), false);
  }

  private void writeFull(ChannelHandlerContext ctx, int status, byte[] json, boolean keepAlive) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        json == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(json));
    if (json != null) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    send(ctx, r, keepAlive);
  }

  /** The client shut its sending side: no further request can come, so the connection closes after the answer. */
  private volatile boolean inputShutdown;
  /** A request is being answered; guarded by the event loop for reads, set by workers when done. */
  private volatile boolean busy;

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
      inputShutdown = true;
      if (!busy && request == null) {
        ctx.close(); // idle: nothing left to answer
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  private void send(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive) {
    keepAlive = keepAlive && !inputShutdown;
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
    r.headers().set("Api-Version", "1.41");
    r.headers().set(HttpHeaderNames.SERVER, "jcompose-engine");
    EXTRA_HEADERS.get().forEach((k, v) -> r.headers().set(k, v));
    if (keepAlive) {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(r);
    } else {
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static byte[] jsonBytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (fileChannel != null) {
      fileChannel.close();
      Files.deleteIfExists(fileBody);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "connection error", cause);
    ctx.close();
  }
}
