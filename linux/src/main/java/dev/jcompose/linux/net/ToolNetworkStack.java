package dev.jcompose.linux.net;

import dev.jcompose.linux.HostCommand;
import dev.jcompose.linux.HostCommandException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link NetworkStack} driven by the host's tools: iproute2 ({@code ip -batch -}), nftables,
 * iptables and {@code nsenter}. One process per call, never one per operation.
 *
 * <p>{@link #host()} works on the namespace the JVM runs in and reads {@code /proc} and
 * {@code /sys} directly. {@link #inNetns(Path)} works on another namespace (a test's private
 * "host", say) by prefixing every tool with {@code nsenter --net=PATH}, and reads {@code /proc}
 * through it too, because {@code /proc/sys/net} and {@code /proc/net} show the namespace of the
 * process that opens them.
 */
public final class ToolNetworkStack implements NetworkStack {

  private static final Pattern SYSCTL_PATH = Pattern.compile("[A-Za-z0-9_.@:/-]+");
  private static final Pattern PROC_NET_NAME = Pattern.compile("(tcp|udp)6?");
  private static final Pattern STATE = Pattern.compile("\\bstate ([A-Z]+)\\b");
  private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+)");

  private final Path netns;

  private ToolNetworkStack(Path netns) {
    this.netns = netns;
  }

  /** The namespace this JVM runs in. */
  public static ToolNetworkStack host() {
    return new ToolNetworkStack(null);
  }

  /** The namespace behind a namespace file such as {@code /proc/PID/ns/net} or {@code /run/netns/NAME}. */
  public static ToolNetworkStack inNetns(Path netnsFile) {
    return new ToolNetworkStack(netnsFile);
  }

  @Override
  public boolean linkExists(String name) {
    if (netns == null) {
      // /proc/self/net/dev lists the interfaces of the JVM's own namespace, whatever /sys shows
      return !name.contains("/") && !name.contains(":") && procNetDevNames(readProcSelf("net/dev")).contains(name);
    }
    return HostCommand.runAllowingFailure(cmd("ip", "-o", "link", "show", "dev", name), null).ok();
  }

  @Override
  public String operstate(String link) {
    if (netns == null && sysfsShowsOurNamespace()) {
      try {
        return link.contains("/") ? "" : Files.readString(Path.of("/sys/class/net", link, "operstate")).strip();
      } catch (NoSuchFileException e) {
        return "";
      } catch (IOException e) {
        throw new UncheckedIOException("could not read /sys/class/net/" + link + "/operstate: " + e, e);
      }
    }
    HostCommand.Result r = HostCommand.runAllowingFailure(cmd("ip", "-o", "link", "show", "dev", link), null);
    return r.ok() ? parseOperstate(r.stdout()) : "";
  }

  /**
   * Whether {@code /sys/class/net} shows the JVM's network namespace. sysfs shows the namespace it
   * was mounted in: an engine started by {@code nsenter --net=...} (or any joiner that did not mount
   * sysfs again) sees another namespace's links there, and must ask {@code ip} instead. Decided
   * once, by comparing the interface names of both; links come and go on a busy host, so a
   * mismatch is read again before it counts.
   */
  private boolean sysfsShowsOurNamespace() {
    Boolean ours = sysfsOurs;
    if (ours == null) {
      ours = false;
      for (int attempt = 0; attempt < 3 && !ours; attempt++) {
        try (java.util.stream.Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
          java.util.Set<String> sysfs = links.map(l -> l.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
          ours = sysfs.equals(procNetDevNames(readProcSelf("net/dev")));
        } catch (IOException e) {
          break; // no sysfs: ask ip
        }
      }
      sysfsOurs = ours;
    }
    return ours;
  }

  private volatile Boolean sysfsOurs;

  /** The interface names in {@code /proc/net/dev} text (two header lines, then {@code "  name: counters"}). */
  static java.util.Set<String> procNetDevNames(String procNetDev) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String line : procNetDev.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.contains("|")) {
        out.add(line.substring(0, colon).strip());
      }
    }
    return out;
  }

  private static String readProcSelf(String file) {
    try {
      return Files.readString(Path.of("/proc/self", file));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read /proc/self/" + file + ": " + e, e);
    }
  }

  /** The {@code state UP} part of {@code ip -o link show} output, lower case. */
  static String parseOperstate(String ipOutput) {
    Matcher m = STATE.matcher(ipOutput);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
  }

  @Override
  public List<String> ipv4AddressesOf(String link) {
    HostCommand.Result r = HostCommand.runAllowingFailure(cmd("ip", "-o", "-4", "address", "show", "dev", link), null);
    return r.ok() ? parseIpv4Addresses(r.stdout()) : List.of();
  }

  /** The {@code 172.18.0.1/16} parts of {@code ip -o -4 address show} output. */
  static List<String> parseIpv4Addresses(String ipOutput) {
    List<String> out = new ArrayList<>();
    Matcher m = INET.matcher(ipOutput);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Override
  public String ipv4Routes() {
    return HostCommand.run(cmd("ip", "-4", "route", "show")).stdout();
  }

  @Override
  public void apply(IpBatch batch) {
    if (!batch.isEmpty()) {
      HostCommand.run(cmd("ip", "-batch", "-"), batch.script());
    }
  }

  @Override
  public void applyInNetnsOf(long pid, IpBatch batch) {
    if (!batch.isEmpty()) {
      HostCommand.run(List.of("nsenter", "-t", Long.toString(pid), "-n", "ip", "-batch", "-"), batch.script());
    }
  }

  @Override
  public void nft(String script) {
    HostCommand.run(cmd("nft", "-f", "-"), script);
  }

  @Override
  public Optional<String> nftListTable(String family, String table) {
    HostCommand.Result r = HostCommand.runAllowingFailure(cmd("nft", "-n", "list", "table", family, table), null);
    if (r.ok()) {
      return Optional.of(r.stdout());
    }
    if (r.stderr().contains("No such file or directory")) {
      return Optional.empty();
    }
    throw new HostCommandException(
        "`nft -n list table " + family + " " + table + "` failed with exit code " + r.exitCode() + ": " + r.stderr().strip(),
        r.argv(), r.exitCode(), r.stderr(), null);
  }

  @Override
  public Optional<String> iptablesListChain(String chain) {
    List<String> argv = cmd("iptables", "-w", "5", "-S", chain);
    HostCommand.Result r;
    try {
      r = HostCommand.runAllowingFailure(argv, null);
    } catch (HostCommandException e) {
      if (e.exitCode() == -1 && e.getCause() instanceof IOException) {
        return Optional.empty(); // iptables is not installed: no iptables rule can drop our traffic
      }
      throw e;
    }
    if (r.ok()) {
      return Optional.of(r.stdout());
    }
    if (r.exitCode() == 127) {
      return Optional.empty(); // nsenter could not find iptables
    }
    throw new HostCommandException(
        "`iptables -S " + chain + "` failed with exit code " + r.exitCode() + ": " + r.stderr().strip(),
        r.argv(), r.exitCode(), r.stderr(), null);
  }

  @Override
  public void iptablesRestore(String restoreScript) {
    HostCommand.run(cmd("iptables-restore", "-w", "5", "--noflush"), restoreScript);
  }

  @Override
  public String readSysctl(String path) {
    checkSysctlPath(path);
    if (netns == null) {
      try {
        return Files.readString(Path.of("/proc/sys", path)).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("could not read /proc/sys/" + path + ": " + e, e);
      }
    }
    return HostCommand.run(cmd("sysctl", "-n", path)).stdout().strip();
  }

  @Override
  public void writeSysctl(String path, String value) {
    checkSysctlPath(path);
    if (netns == null) {
      try {
        Files.writeString(Path.of("/proc/sys", path), value);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write \"" + value + "\" to /proc/sys/" + path + ": " + e, e);
      }
      return;
    }
    HostCommand.run(cmd("sysctl", "-q", "-w", path + "=" + value));
  }

  @Override
  public String readProcNet(String name) {
    if (!PROC_NET_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a /proc/net socket table: " + name);
    }
    if (netns == null) {
      try {
        return Files.readString(Path.of("/proc/net", name));
      } catch (NoSuchFileException e) {
        return "";
      } catch (IOException e) {
        throw new UncheckedIOException("could not read /proc/net/" + name + ": " + e, e);
      }
    }
    HostCommand.Result r = HostCommand.runAllowingFailure(cmd("cat", "/proc/net/" + name), null);
    return r.ok() ? r.stdout() : "";
  }

  @Override
  public String toString() {
    return netns == null ? "host network namespace" : "network namespace " + netns;
  }

  private static void checkSysctlPath(String path) {
    if (!SYSCTL_PATH.matcher(path).matches() || path.contains("..") || path.startsWith("/")) {
      throw new IllegalArgumentException("not a sysctl path below /proc/sys: " + path);
    }
  }

  private List<String> cmd(String... argv) {
    List<String> out = new ArrayList<>(argv.length + 2);
    if (netns != null) {
      out.add("nsenter");
      out.add("--net=" + netns);
    }
    out.addAll(List.of(argv));
    return out;
  }
}
