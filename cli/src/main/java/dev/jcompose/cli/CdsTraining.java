package dev.jcompose.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The class-data-sharing training run of the {@code ./jcompose} launcher: run once after a build
 * under {@code -XX:ArchiveClassesAtExit}, it loads what the CLI's commands load — picocli's model
 * of every command and its help, the Compose loader on a project with most of the specification,
 * Jackson's (de)serializers for every API model, the HTTP client against a stand-in engine socket,
 * and every class of jcompose's own jars — so that the archive serves every command, not just
 * whichever ran first after the build. It starts no engine and touches nothing outside a temporary
 * directory, which it removes.
 */
public final class CdsTraining {
  private CdsTraining() {}

  private static final String COMPOSE = """
      name: training
      services:
        db:
          image: busybox:latest
          command: ["sh", "-c", "sleep 1"]
          environment:
            A: ${A:-1}
          healthcheck:
            test: ["CMD-SHELL", "true"]
            interval: 1s
          volumes:
            - data:/data
            - type: tmpfs
              target: /run
          networks: [back]
        web:
          build:
            context: .
            args: [X=1]
          ports: ["127.0.0.1:8080:80", "9000-9001:9000-9001/udp"]
          depends_on:
            db:
              condition: service_healthy
          deploy:
            replicas: 2
            resources:
              limits: {memory: 64m, cpus: "0.5"}
          labels: {a: b}
          env_file: [{path: missing.env, required: false}]
          networks:
            back:
              aliases: [www]
          restart: unless-stopped
      networks:
        back: {}
      volumes:
        data: {}
      """;

  public static void main(String[] args) throws Exception {
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    Path dir = Files.createTempDirectory("jcompose-cds-");
    try (PrintStream sink = new PrintStream(OutputStream.nullOutputStream())) {
      System.setOut(sink);
      System.setErr(sink);
      Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
      Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\nRUN true\n");
      commands(dir);
      jackson();
      httpClient(dir.resolve("engine.sock"));
      everyOwnClass();
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** Every command's model and help; {@code config} in its text and JSON forms; a bad file's error. */
  private static void commands(Path dir) {
    Main.commandLine().getUsageMessage();
    Main.commandLine().getSubcommands().values().forEach(c -> c.getUsageMessage());
    String file = dir.resolve("compose.yaml").toString();
    Main.execute("-f", file, "config");
    Main.execute("-f", file, "config", "--format", "json");
    Main.execute("-f", file, "config", "--services");
    Main.execute("-f", dir.resolve("missing.yaml").toString(), "config");
    Main.execute("no-such-command");
  }

  /** Jackson's serializers and deserializers for every record of the API model. */
  private static void jackson() throws IOException, URISyntaxException {
    ObjectMapper mapper = Json.mapper();
    for (String name : classesIn(Json.class)) {
      if (!name.startsWith("dev.jcompose.api.model.")) {
        continue;
      }
      try {
        Class<?> type = Class.forName(name);
        Object value = mapper.readValue("{}", type);
        mapper.writeValueAsString(value);
      } catch (Exception | LinkageError e) {
        // a type with no empty form: its classes are loaded all the same
      }
    }
  }

  /** The engine client's requests and responses, against a socket that answers every request with an empty JSON body. */
  private static void httpClient(Path socket) throws IOException, InterruptedException {
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread answering = new Thread(() -> answer(server), "cds-training-engine");
      answering.setDaemon(true);
      answering.start();
      EngineClient client = new EngineClient(socket);
      List<Runnable> calls = List.of(client::ping, client::version, () -> client.listContainers(true, List.of("a=b")),
          () -> client.inspectContainer("x"), () -> client.startContainer("x"), () -> client.stopContainer("x", 1),
          () -> client.removeContainer("x", true, true));
      for (Runnable call : calls) {
        try {
          call.run();
        } catch (RuntimeException e) {
          // an empty answer that does not fit the call: its error path is trained too
        }
      }
    } finally {
      Files.deleteIfExists(socket);
    }
  }

  private static void answer(ServerSocketChannel server) {
    while (server.isOpen()) {
      try (SocketChannel ch = server.accept()) {
        InputStream in = Channels.newInputStream(ch);
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
          head.append((char) b);
          if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
            break;
          }
        }
        String path = head.toString().split(" ", 3).length > 1 ? head.toString().split(" ", 3)[1] : "";
        String body = path.contains("/containers/json") ? "[]" : path.endsWith("/_ping") ? "OK" : "{}";
        String response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
            + "\r\nConnection: close\r\n\r\n" + body;
        Channels.newOutputStream(ch).write(response.getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Loads (without initializing) every class of jcompose's own jars that the CLI has. */
  private static void everyOwnClass() throws IOException, URISyntaxException {
    for (Class<?> anchor : List.of(Main.class, Json.class, dev.jcompose.compose.model.Project.class)) {
      for (String name : classesIn(anchor)) {
        try {
          Class.forName(name, false, CdsTraining.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          // a class that needs what the CLI does not have: not one the CLI loads either
        }
      }
    }
  }

  /** The names of the classes in the jar (or directory, in a build tree) that holds {@code anchor}. */
  private static List<String> classesIn(Class<?> anchor) throws IOException, URISyntaxException {
    Path where = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(where)) {
      try (var files = Files.walk(where)) {
        return files.map(p -> where.relativize(p).toString()).filter(n -> n.endsWith(".class"))
            .map(CdsTraining::className).toList();
      }
    }
    try (JarFile jar = new JarFile(where.toFile())) {
      java.util.ArrayList<String> names = new java.util.ArrayList<>();
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String n = e.nextElement().getName();
        if (n.endsWith(".class") && !n.endsWith("module-info.class")) {
          names.add(className(n));
        }
      }
      return names;
    }
  }

  private static String className(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }
}
