package dev.jcompose.network.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport of the proxy: native epoll when it loads (Linux x86_64, as here), else
 * NIO. Both give the same channels; epoll saves a copy per read and the selector's garbage.
 */
enum ProxyTransport {
  EPOLL,
  NIO;

  static ProxyTransport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  EventLoopGroup newGroup(int threads) {
    DefaultThreadFactory f = new DefaultThreadFactory("jcompose-ports", true);
    return this == EPOLL ? new EpollEventLoopGroup(threads, f) : new NioEventLoopGroup(threads, f);
  }

  ServerSocketChannel newServer() {
    return this == EPOLL ? new EpollServerSocketChannel() : new NioServerSocketChannel();
  }

  Class<? extends SocketChannel> clientClass() {
    return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** An unbound datagram channel; {@code family} null for the platform's default (IPv6 dual-stack when present). */
  DatagramChannel newDatagram(InternetProtocolFamily family) {
    if (this == EPOLL) {
      return family == null ? new EpollDatagramChannel() : new EpollDatagramChannel(family);
    }
    return family == null ? new NioDatagramChannel() : new NioDatagramChannel(family);
  }
}
