package dev.jcompose.engine.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;

/** Serves the engine API over HTTP/1.1 on a Unix domain socket (Netty, epoll). */
public final class ApiServer implements AutoCloseable {
  private final Path socket;
  private final EpollEventLoopGroup boss = new EpollEventLoopGroup(1);
  private final EpollEventLoopGroup workers = new EpollEventLoopGroup(2);
  private Channel channel;

  public ApiServer(Path socket) {
    this.socket = socket;
  }

  public void start(Router router, ExecutorService blockingWork, Path uploadDir) throws IOException, InterruptedException {
    if (!Epoll.isAvailable()) {
      throw new IOException("Netty's epoll transport is not available here: " + Epoll.unavailabilityCause());
    }
    Files.createDirectories(socket.getParent());
    Files.deleteIfExists(socket);
    ServerBootstrap b = new ServerBootstrap()
        .group(boss, workers)
        .channel(EpollServerDomainSocketChannel.class)
        // a client may shut its sending side once its request is out (docker's hijacked attach
        // does, without stdin): the answer must still reach it; ApiHandler closes such a
        // connection once it has answered
        .childOption(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new ApiHandler(router, blockingWork, uploadDir));
          }
        });
    channel = b.bind(new DomainSocketAddress(socket.toFile())).sync().channel();
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    try {
      Files.deleteIfExists(socket);
    } catch (IOException ignored) {
      // a stale socket is replaced at the next start
    }
  }
}
