package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.Mount;
import dev.jcompose.engine.containers.MountPlanner.PlannedMount;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.linux.RecordingHostMounts;
import dev.jcompose.runtime.MountSpec;
import dev.jcompose.volume.VolumeInfo;
import dev.jcompose.volume.VolumeMounts;
import dev.jcompose.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPlannerTest {
  @TempDir
  Path tmp;
  VolumeStore volumes;
  MountPlanner planner;

  RecordingHostMounts hostMounts;
  VolumeMounts volumeMounts;

  @BeforeEach
  void setUp() {
    hostMounts = new RecordingHostMounts();
    volumes = new VolumeStore(tmp.resolve("state"), hostMounts);
    volumeMounts = new VolumeMounts(volumes, hostMounts);
    planner = new MountPlanner(volumes, volumeMounts);
  }

  private static HostConfig hc(List<String> binds, List<Mount> mounts, Map<String, String> tmpfs) {
    return new HostConfig(binds, mounts, null, null, null, null, null, null, null, null, null, null, null, null, null, tmpfs,
        null, null, null);
  }

  private static ApiException badRequest(Runnable r) {
    ApiException e = assertThrows(ApiException.class, r::run);
    assertEquals(400, e.status());
    return e;
  }

  private Path layer(String name, Map<String, String> files) throws IOException {
    Path root = tmp.resolve("layers").resolve(name);
    Files.createDirectories(root);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return root;
  }

  // ---- parseBind ----

  @Test
  void parseBind_namedVolumeReadOnly() {
    assertEquals(new PlannedMount("volume", "site", null, "/www", true, false), planner.parseBind("site:/www:ro"));
  }

  @Test
  void parseBind_absoluteSource_isBindMount() {
    assertEquals(new PlannedMount("bind", null, Path.of("/abs"), "/x", false, true), planner.parseBind("/abs:/x"));
  }

  @Test
  void parseBind_modeList() {
    assertEquals(new PlannedMount("volume", "data", null, "/d", false, true), planner.parseBind("data:/d:rw,nocopy"));
    assertEquals(new PlannedMount("bind", null, Path.of("/srv"), "/srv", true, true), planner.parseBind("/srv:/srv:ro,z,rprivate"));
  }

  @Test
  void parseBind_targetOnly_isInvalid() {
    assertEquals("invalid volume specification: '/data' (expected SOURCE:TARGET[:ro|rw], TARGET absolute)",
        badRequest(() -> planner.parseBind("/data")).getMessage());
  }

  @Test
  void parseBind_relativeTarget_isInvalid() {
    assertEquals("invalid volume specification: 'site:www' (expected SOURCE:TARGET[:ro|rw], TARGET absolute)",
        badRequest(() -> planner.parseBind("site:www")).getMessage());
  }

  @Test
  void parseBind_emptySource_isInvalid() {
    assertEquals("invalid volume specification: ':/www' (expected SOURCE:TARGET[:ro|rw], TARGET absolute)",
        badRequest(() -> planner.parseBind(":/www")).getMessage());
  }

  @Test
  void parseBind_tooManyParts_isInvalid() {
    assertEquals("invalid volume specification: 'a:/b:ro:x' (expected SOURCE:TARGET[:ro|rw], TARGET absolute)",
        badRequest(() -> planner.parseBind("a:/b:ro:x")).getMessage());
  }

  @Test
  void parseBind_unknownMode_namesIt() {
    assertEquals("invalid mode: rx in volume specification 'site:/www:rx'",
        badRequest(() -> planner.parseBind("site:/www:rx")).getMessage());
  }

  // ---- plan ----

  @Test
  void plan_nothing_isEmpty() {
    assertEquals(List.of(), planner.plan(null, null, Map.of()));
    assertEquals(List.of(), planner.plan(HostConfig.empty(), Map.of(), Map.of()));
    assertEquals(List.of(), volumes.list());
  }

  @Test
  void plan_imageVolume_createsLabelledAnonymousVolume() {
    List<PlannedMount> planned = planner.plan(null, Map.of("/var/lib/data", Map.of()), Map.of("com.docker.compose.project", "p"));
    assertEquals(1, planned.size());
    PlannedMount m = planned.get(0);
    assertEquals("volume", m.type());
    assertEquals("/var/lib/data", m.target());
    assertFalse(m.readOnly());
    assertFalse(m.noCopy(), "an anonymous volume receives the image's content");
    assertTrue(m.volume().matches("[0-9a-f]{64}"), m.volume());
    VolumeInfo v = volumes.get(m.volume());
    assertEquals(Map.of("com.docker.compose.project", "p", "com.docker.volume.anonymous", ""), v.labels());
  }

  @Test
  void plan_eachAnonymousVolumeIsNew() {
    String a = planner.plan(null, Map.of("/d", Map.of()), Map.of()).get(0).volume();
    String b = planner.plan(null, Map.of("/d", Map.of()), Map.of()).get(0).volume();
    assertFalse(a.equals(b));
    assertEquals(2, volumes.list().size());
  }

  @Test
  void plan_bindOnImageVolumeTarget_replacesIt() {
    List<PlannedMount> planned = planner.plan(hc(List.of("site:/data"), null, null), Map.of("/data", Map.of()), Map.of());
    assertEquals(List.of(new PlannedMount("volume", "site", null, "/data", false, false)), planned);
    assertEquals(List.of(), volumes.list(), "named volumes are created at prepare; no anonymous one was needed");
  }

  @Test
  void plan_mountsAndTmpfs() throws IOException {
    Path hosts = Files.createDirectories(tmp.resolve("hosts.d"));
    List<Mount> mounts = List.of(
        Mount.volume("db", "/var/lib/db", true),
        new Mount("volume", "cache", "/cache", null, new Mount.VolumeOptions(true, null), null),
        Mount.bind(hosts.toString(), "/hosts", false),
        Mount.tmpfs("/scratch", 1024L));
    Map<String, String> tmpfs = new LinkedHashMap<>();
    tmpfs.put("/run", "size=64m");
    List<PlannedMount> planned = planner.plan(hc(null, mounts, tmpfs), null, Map.of());
    assertEquals(List.of(
        new PlannedMount("volume", "db", null, "/var/lib/db", true, false),
        new PlannedMount("volume", "cache", null, "/cache", false, true),
        new PlannedMount("bind", null, hosts, "/hosts", false, true, true, null, List.of()),
        new PlannedMount("tmpfs", null, null, "/scratch", false, true, false, null, List.of("noexec", "nosuid", "nodev", "size=1024")),
        new PlannedMount("tmpfs", null, null, "/run", false, true, false, null, List.of("noexec", "nosuid", "nodev", "size=64m"))), planned);
  }

  @Test
  void plan_mountWithoutSource_isAnonymousVolume() {
    PlannedMount m = planner.plan(hc(null, List.of(Mount.volume(null, "/data", false)), null), null, Map.of()).get(0);
    assertTrue(volumes.find(m.volume()).isPresent());
    assertEquals("", volumes.get(m.volume()).labels().get("com.docker.volume.anonymous"));
  }

  @Test
  void plan_mountOverridesBindOnSameTarget() {
    List<PlannedMount> planned = planner.plan(hc(List.of("a:/x"), List.of(Mount.volume("b", "/x", false)), null), null, Map.of());
    assertEquals(List.of(new PlannedMount("volume", "b", null, "/x", false, false)), planned);
  }

  @Test
  void plan_badBind_isRejected() {
    assertEquals("invalid volume specification: 'nope' (expected SOURCE:TARGET[:ro|rw], TARGET absolute)",
        badRequest(() -> planner.plan(hc(List.of("nope"), null, null), null, Map.of())).getMessage());
  }

  @Test
  void plan_mountRelativeTarget_isRejected() {
    assertEquals("invalid mount config: the target of a mount must be an absolute path, got data",
        badRequest(() -> planner.plan(hc(null, List.of(Mount.volume("v", "data", false)), null), null, Map.of())).getMessage());
  }

  @Test
  void plan_bindMountRelativeSource_isRejected() {
    assertEquals("invalid mount config for type \"bind\": the source must be an absolute host path, got ./site",
        badRequest(() -> planner.plan(hc(null, List.of(Mount.bind("./site", "/www", false)), null), null, Map.of())).getMessage());
  }

  @Test
  void plan_unsupportedMountType_isRejected() {
    Mount npipe = new Mount("npipe", "x", "/x", null, null, null);
    assertEquals("invalid mount config: mount type \"npipe\" is not supported (volume, bind, tmpfs)",
        badRequest(() -> planner.plan(hc(null, List.of(npipe), null), null, Map.of())).getMessage());
  }

  // ---- prepare ----

  @Test
  void prepare_emptyVolume_receivesImageContent_upperLayerWins() throws IOException {
    Path lower = layer("lower", Map.of("www/index.html", "old", "www/lower-only.txt", "l", "etc/other", "x"));
    Path upper = layer("upper", Map.of("www/index.html", "new", "www/sub/upper-only.txt", "u"));
    List<PlannedMount> planned = planner.plan(hc(List.of("site:/www:ro"), null, null), null, Map.of());

    List<MountSpec> specs = planner.prepare("c1", planned, List.of(lower, upper));

    VolumeInfo site = volumes.get("site");
    assertEquals(List.of(MountSpec.bind(site.mountpoint().toString(), "/www", true)), specs);
    assertEquals("new", Files.readString(site.mountpoint().resolve("index.html")));
    assertEquals("l", Files.readString(site.mountpoint().resolve("lower-only.txt")));
    assertEquals("u", Files.readString(site.mountpoint().resolve("sub/upper-only.txt")));
    assertFalse(Files.exists(site.mountpoint().resolve("other")), "only the mount point's content is copied");
  }

  @Test
  void prepare_volumeWithData_isLeftAlone() throws IOException {
    Path image = layer("image", Map.of("www/index.html", "from image"));
    VolumeInfo site = volumes.create("site", "local", Map.of());
    Files.writeString(site.mountpoint().resolve("index.html"), "mine");

    planner.prepare("c1", planner.plan(hc(List.of("site:/www"), null, null), null, Map.of()), List.of(image));

    assertEquals("mine", Files.readString(site.mountpoint().resolve("index.html")));
  }

  @Test
  void prepare_nocopy_leavesVolumeEmpty() throws IOException {
    Path image = layer("image", Map.of("www/index.html", "from image"));
    planner.prepare("c1", planner.plan(hc(List.of("site:/www:nocopy"), null, null), null, Map.of()), List.of(image));
    assertTrue(volumes.isEmpty("site"));
  }

  @Test
  void prepare_imageWithoutThatDirectory_leavesVolumeEmpty() throws IOException {
    Path image = layer("image", Map.of("etc/hostname", "x"));
    planner.prepare("c1", planner.plan(null, Map.of("/data", Map.of()), Map.of()), List.of(image));
    assertEquals(1, volumes.list().size());
    assertTrue(volumes.isEmpty(volumes.list().get(0).name()));
  }

  @Test
  void prepare_missingBindSource_isCreatedAsDirectory() {
    Path source = tmp.resolve("host/site");
    List<MountSpec> specs = planner.prepare("c1", planner.plan(hc(List.of(source + ":/www"), null, null), null, Map.of()), List.of());
    assertTrue(Files.isDirectory(source));
    assertEquals(List.of(MountSpec.bind(source.toString(), "/www", false)), specs);
  }

  @Test
  void prepare_tmpfs() {
    List<MountSpec> specs = planner.prepare("c1", List.of(
        new PlannedMount("tmpfs", null, null, "/run", false, true),
        new PlannedMount("tmpfs", null, null, "/ro", true, true)), List.of());
    assertEquals(List.of(MountSpec.tmpfs("/run", List.of()), MountSpec.tmpfs("/ro", List.of("ro"))), specs);
  }

  @Test
  void prepare_unknownType_isRejected() {
    PlannedMount odd = new PlannedMount("cluster", null, null, "/x", false, true);
    assertEquals("mount type cluster is not supported", badRequest(() -> planner.prepare("c1", List.of(odd), List.of())).getMessage());
  }

  // ---- binds: Binds create a missing source, Mounts refuse it unless CreateMountpoint ----

  @Test
  void plan_mountsBindWithMissingSource_isRefusedAtCreate() {
    Path missing = tmp.resolve("nope");
    ApiException e = badRequest(() -> planner.plan(hc(null, List.of(Mount.bind(missing.toString(), "/www", false)), null), null, Map.of()));
    assertEquals("invalid mount config for type \"bind\": bind source path does not exist: " + missing
        + " (create it on the host first, or let it be created: a Binds entry, or BindOptions.CreateMountpoint;"
        + " in Compose, the short syntax or bind.create_host_path: true)", e.getMessage());
    assertFalse(Files.exists(missing));
  }

  @Test
  void prepare_mountsBindWithCreateMountpoint_createsIt() {
    Path missing = tmp.resolve("made");
    Mount m = new Mount("bind", missing.toString(), "/www", false, null, null, new Mount.BindOptions(null, true));
    List<MountSpec> specs = planner.prepare("c1", planner.plan(hc(null, List.of(m), null), null, Map.of()), List.of());
    assertTrue(Files.isDirectory(missing));
    assertEquals(List.of(MountSpec.bind(missing.toString(), "/www", false)), specs);
  }

  @Test
  void prepare_mountsBindWhoseSourceWentAwaySinceCreate_isRefused() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("gone"));
    List<PlannedMount> planned = planner.plan(hc(null, List.of(Mount.bind(dir.toString(), "/www", false)), null), null, Map.of());
    Files.delete(dir);
    assertTrue(badRequest(() -> planner.prepare("c1", planned, List.of())).getMessage()
        .startsWith("invalid mount config for type \"bind\": bind source path does not exist: " + dir));
    assertFalse(Files.exists(dir));
  }

  // ---- tmpfs size and mode ----

  @Test
  void plan_hostConfigTmpfs_sizeModeAndFlags() {
    Map<String, String> tmpfs = new LinkedHashMap<>();
    tmpfs.put("/run", "size=64m,mode=1777");
    tmpfs.put("/bin2", "exec,size=1g,uid=1000");
    List<PlannedMount> planned = planner.plan(hc(null, null, tmpfs), null, Map.of());
    assertEquals(List.of("noexec", "nosuid", "nodev", "size=64m", "mode=1777"), planned.get(0).options());
    assertEquals(List.of("nosuid", "nodev", "size=1g", "uid=1000"), planned.get(1).options());
  }

  @Test
  void plan_mountTmpfsOptions_sizeBytesAndOctalMode() {
    Mount m = new Mount("tmpfs", null, "/scratch", true, null, new Mount.TmpfsOptions(64L << 20, 01777));
    PlannedMount p = planner.plan(hc(null, List.of(m), null), null, Map.of()).get(0);
    assertEquals(List.of("noexec", "nosuid", "nodev", "size=67108864", "mode=1777"), p.options());
    assertEquals(List.of(MountSpec.tmpfs("/scratch", List.of("ro", "noexec", "nosuid", "nodev", "size=67108864", "mode=1777"))),
        planner.prepare("c1", List.of(p), List.of()));
  }

  @Test
  void plan_badTmpfsOptions_areRefusedWithTheReason() {
    assertEquals("invalid tmpfs options for /run (\"size=lots\"): size=lots is not valid (a number, with k, m or g or %)",
        badRequest(() -> planner.plan(hc(null, null, Map.of("/run", "size=lots")), null, Map.of())).getMessage());
    assertEquals("invalid tmpfs options for /run (\"mode=999\"): mode=999 is not valid (an octal mode such as 1777)",
        badRequest(() -> planner.plan(hc(null, null, Map.of("/run", "mode=999")), null, Map.of())).getMessage());
    assertTrue(badRequest(() -> planner.plan(hc(null, null, Map.of("/run", "huge")), null, Map.of())).getMessage()
        .startsWith("invalid tmpfs options for /run (\"huge\"): \"huge\" is not a tmpfs option"));
  }

  // ---- volume subpath ----

  private static Mount subpathMount(String volume, String subpath) {
    return new Mount("volume", volume, "/s", false, new Mount.VolumeOptions(null, null, subpath), null);
  }

  @Test
  void plan_subpathEscapingTheVolume_isRefused() {
    for (String bad : List.of("../other", "a/../../x", "/etc")) {
      assertEquals("invalid mount config for /s: subpath \"" + bad + "\" must be a relative path within the volume (no leading /, no ..)",
          badRequest(() -> planner.plan(hc(null, List.of(subpathMount("data", bad)), null), null, Map.of())).getMessage());
    }
  }

  @Test
  void prepare_subpath_mountsThatDirectory_andNeverCopiesUp() throws IOException {
    VolumeInfo v = volumes.create("data", "local", Map.of());
    Path sub = Files.createDirectories(v.mountpoint().resolve("a/b"));
    Path image = layer("image", Map.of("s/x", "from image"));
    List<MountSpec> specs = planner.prepare("c1", planner.plan(hc(null, List.of(subpathMount("data", "a/b")), null), null, Map.of()),
        List.of(image));
    assertEquals(List.of(MountSpec.bind(sub.toRealPath().toString(), "/s", false)), specs);
    assertFalse(Files.exists(sub.resolve("x")));
  }

  @Test
  void prepare_missingSubpath_saysSo() {
    volumes.create("data", "local", Map.of());
    List<PlannedMount> planned = planner.plan(hc(null, List.of(subpathMount("data", "nope")), null), null, Map.of());
    assertEquals("invalid mount config: subpath \"nope\" does not exist in volume data: create that directory in the volume first"
        + " (from a container that mounts the whole volume)", badRequest(() -> planner.prepare("c1", planned, List.of())).getMessage());
  }

  @Test
  void prepare_subpathThroughASymlinkOutOfTheVolume_isRefused() throws IOException {
    VolumeInfo v = volumes.create("data", "local", Map.of());
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(v.mountpoint().resolve("esc"), outside);
    Files.createSymbolicLink(v.mountpoint().resolve("up"), Path.of(".."));
    Files.createDirectories(v.mountpoint().resolve("in"));
    Files.createSymbolicLink(v.mountpoint().resolve("ok"), Path.of("in"));
    for (String sub : List.of("esc", "up")) {
      List<PlannedMount> planned = planner.plan(hc(null, List.of(subpathMount("data", sub)), null), null, Map.of());
      String msg = badRequest(() -> planner.prepare("c1", planned, List.of())).getMessage();
      assertTrue(msg.startsWith("invalid mount config: subpath \"" + sub + "\" of volume data resolves to ")
          && msg.endsWith(", outside the volume (through a symbolic link): mount a directory inside the volume"), msg);
    }
    List<PlannedMount> inside = planner.plan(hc(null, List.of(subpathMount("data", "ok")), null), null, Map.of());
    assertEquals(v.mountpoint().resolve("in").toRealPath().toString(), planner.prepare("c1", inside, List.of()).get(0).source());
  }

  // ---- volumes with driver options ----

  @Test
  void prepare_volumeWithDriverOptions_isMountedOnce_andReleasedByItsLastContainer() throws IOException {
    Path device = Files.createDirectories(tmp.resolve("device"));
    VolumeInfo v = volumes.create("bound", "local", Map.of("type", "none", "device", device.toString(), "o", "bind"), Map.of());
    List<PlannedMount> planned = planner.plan(hc(List.of("bound:/b"), null, null), null, Map.of());
    planner.prepare("c1", planned, List.of());
    planner.prepare("c2", planned, List.of());
    assertEquals(1, hostMounts.mountCount(v.mountpoint()));
    planner.release("c1", planned);
    assertTrue(hostMounts.isMountPoint(v.mountpoint()));
    planner.release("c2", planned);
    assertFalse(hostMounts.isMountPoint(v.mountpoint()));
    assertEquals(List.of("mount -t none -o bind " + device + " _data", "umount _data"), hostMounts.calls());
  }

  @Test
  void prepare_failingLaterMount_releasesTheVolumesItMounted() throws IOException {
    Path device = Files.createDirectories(tmp.resolve("device"));
    VolumeInfo v = volumes.create("bound", "local", Map.of("type", "none", "device", device.toString(), "o", "bind"), Map.of());
    volumes.create("data", "local", Map.of());
    List<PlannedMount> planned = planner.plan(hc(List.of("bound:/b"), List.of(subpathMount("data", "missing")), null), null, Map.of());
    badRequest(() -> planner.prepare("c1", planned, List.of()));
    assertFalse(hostMounts.isMountPoint(v.mountpoint()));
    assertEquals(List.of(), volumeMounts.holdersOf("bound"));
  }

  // ---- copy-up crash safety ----

  @Test
  void prepare_volumeWithAnInterruptedCopyUp_isEmptiedAndFilledAgain() throws IOException {
    Path image = layer("image", Map.of("www/a", "A", "www/b", "B"));
    VolumeInfo site = volumes.create("site", "local", Map.of());
    volumes.beginCopyUp("site");
    Files.writeString(site.mountpoint().resolve("a"), "half");

    planner.prepare("c1", planner.plan(hc(List.of("site:/www"), null, null), null, Map.of()), List.of(image));

    assertEquals("A", Files.readString(site.mountpoint().resolve("a")));
    assertEquals("B", Files.readString(site.mountpoint().resolve("b")));
    assertFalse(volumes.copyUpInterrupted("site"));
  }

  @Test
  void prepare_copyUp_leavesNoMarkWhenDone() throws IOException {
    Path image = layer("image", Map.of("www/a", "A"));
    planner.prepare("c1", planner.plan(hc(List.of("site:/www"), null, null), null, Map.of()), List.of(image));
    assertFalse(volumes.copyUpInterrupted("site"));
    assertFalse(Files.exists(tmp.resolve("state/volumes/site/copy-up.incomplete")));
  }
}
