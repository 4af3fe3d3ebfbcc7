package dev.jcompose.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RuntimeCli's command line and errors, without containers (no root needed). */
class OciRuntimeCliTest {
  @TempDir
  Path root;

  record Result(int code, String out, String err) {}

  Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--root";
    all[1] = root.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = RuntimeCli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void usageErrorsExit2WithTheUsage() {
    Result r = cli("bogus");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("jcompose runtime: unknown command \"bogus\"\nusage: jcompose runtime"), r.err());
    assertEquals(2, cli("start").code());
    assertEquals(2, cli("create").code());
    assertTrue(cli("create").err().contains("create: the container ID is missing"));
    assertTrue(cli("create", "--console-socket", "/x", "c").err().contains("terminals are not supported"));
    assertEquals(0, cli("--help").code());
  }

  @Test
  void unknownContainers() {
    Result r = cli("state", "nosuch");
    assertEquals(1, r.code());
    assertEquals("jcompose runtime: container \"nosuch\" does not exist (no " + root.resolve("containers/nosuch/oci.json")
        + "); see `jcompose runtime --root " + root + " list`\n", r.err());
    assertEquals(0, cli("delete", "-f", "nosuch").code(), "delete -f of nothing is fine, as runc");
    assertEquals(1, cli("kill", "nosuch").code());
    assertTrue(cli("state", "../x").err().contains("container id \"../x\" must be"));
  }

  @Test
  void aBadBundleIsReportedBeforeAnythingIsCreated() throws Exception {
    Path bundle = Files.createDirectories(root.resolve("b"));
    Result r = cli("create", "-b", bundle.toString(), "c1");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("jcompose runtime: " + bundle.resolve("config.json") + ": no such file"), r.err());
    Files.writeString(bundle.resolve("config.json"), "{\"ociVersion\": \"1.0.2\", \"process\": {\"args\": 5}}");
    r = cli("run", "-b", bundle.toString(), "c1");
    assertTrue(r.err().startsWith("jcompose runtime: " + bundle.resolve("config.json") + ": field process.args has the wrong type"),
        r.err());
    assertFalse(Files.exists(root.resolve("containers/c1")));
  }

  @Test
  void listOfNothing() {
    Result r = cli("list");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("ID "), r.out());
    assertEquals("[]\n", cli("list", "--format", "json").out());
  }

  @Test
  void demuxSplitsDockerFrames() throws Exception {
    byte[] framed = {1, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n', 2, 0, 0, 0, 0, 0, 0, 2, 'e', '\n'};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RuntimeCli.demux(new ByteArrayInputStream(framed), new PrintStream(out), new PrintStream(err));
    assertEquals("hi\n", out.toString());
    assertEquals("e\n", err.toString());
  }
}
