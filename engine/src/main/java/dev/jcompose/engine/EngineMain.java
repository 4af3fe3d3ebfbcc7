package dev.jcompose.engine;

import dev.jcompose.engine.containers.ContainerLogs;
import dev.jcompose.engine.containers.ContainerService;
import dev.jcompose.engine.containers.ExecService;
import dev.jcompose.engine.http.ApiServer;
import dev.jcompose.engine.http.Router;
import dev.jcompose.engine.images.ImageService;
import dev.jcompose.engine.networks.NetworkService;
import dev.jcompose.engine.volumes.VolumeService;
import dev.jcompose.image.ImageStore;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.network.BridgeNetworkDriver;
import dev.jcompose.network.SubnetAllocator;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The jcompose engine: serves the Docker-shaped API on a Unix socket and runs containers.
 * {@code --root DIR} (default /var/lib/jcompose), {@code --socket PATH} (default /run/jcompose/engine.sock).
 * Containers keep running when the engine stops; a restarted engine finds them again.
 */
public final class EngineMain {
  public static final String VERSION = "0.1.0";
  private static final Logger LOG = Logger.getLogger(EngineMain.class.getName());

  private EngineMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of("/var/lib/jcompose");
    Path socket = Path.of("/run/jcompose/engine.sock");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--socket" -> socket = Path.of(args[++i]);
        default -> {
          System.err.println("jcompose engine: unknown option " + args[i] + " (known: --root DIR, --socket PATH)");
          System.exit(2);
        }
      }
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      System.err.println("jcompose engine: needs root to create namespaces, cgroups and bridges (running as "
          + System.getProperty("user.name") + ")");
      System.exit(1);
    }
    run(root.toAbsolutePath(), socket.toAbsolutePath());
  }

  static void run(Path root, Path socket) throws IOException, InterruptedException {
    Files.createDirectories(root);
    Path uploads = root.resolve("tmp");
    FileTrees.deleteTree(uploads);
    ImageService images = new ImageService(new ImageStore(root));
    VolumeStore volumeStore = new VolumeStore(root);
    BridgeNetworkDriver driver = BridgeNetworkDriver.onHost();
    NetworkService networks = new NetworkService(root, driver, SubnetAllocator.withDefaultPools());
    networks.setDns(dev.jcompose.network.EmbeddedDns.onHost()); // names of containers, on each network's gateway:53
    ContainerRuntime runtime = new ContainerRuntime(root);
    ContainerService containers = new ContainerService(root, images, networks, volumeStore, runtime, driver);
    VolumeService volumes = new VolumeService(volumeStore, containers::usersOf);
    dev.jcompose.engine.events.EventBus events = new dev.jcompose.engine.events.EventBus();
    containers.setEvents(events);
    networks.setEvents(events::publish);
    volumes.setEvents(events::publish);
    networks.restore();
    containers.restore();
    Router router = Routes.build(containers, new ContainerLogs(), networks, volumes, images,
        new ExecService(containers::require, images::require, runtime), new dev.jcompose.engine.events.EventStream(events),
        new dev.jcompose.engine.build.BuildService(root, images, runtime, networks),
        new dev.jcompose.engine.containers.ContainerStats(containers, runtime));
    ExecutorService work = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "api-worker");
      t.setDaemon(true);
      return t;
    });
    ApiServer server = new ApiServer(socket);
    server.start(router, work, uploads);
    Path pidFile = socket.resolveSibling("engine.pid");
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
    LOG.info("jcompose engine " + VERSION + " listening on unix://" + socket + " (state in " + root + ")");
    System.err.println("jcompose engine " + VERSION + " listening on unix://" + socket);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException ignored) {
        // stale pid files are overwritten at the next start
      }
      stopped.countDown();
    }, "engine-shutdown"));
    stopped.await();
  }
}
