package dev.jcompose.build;

import dev.jcompose.runtime.ContainerFiles;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.runtime.ContainerSpec;
import dev.jcompose.runtime.ExitStatus;
import dev.jcompose.runtime.MountSpec;
import dev.jcompose.runtime.PreparedContainer;
import dev.jcompose.runtime.RunningContainer;
import dev.jcompose.runtime.RuntimeSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs RUN steps as containers of jcompose's own runtime, with Docker's default confinement, on
 * the network {@link StepNetwork} gives; /etc/hosts, /etc/hostname and /etc/resolv.conf are
 * bind-mounted from the state dir (so they never land in the layer).
 */
public final class RuntimeStepRunner implements StepRunner {
  private final ContainerRuntime runtime;
  private final StepNetwork network;

  public RuntimeStepRunner(ContainerRuntime runtime, StepNetwork network) {
    this.runtime = runtime;
    this.network = network;
  }

  @Override
  public int run(RunStep step, BuildProgress progress) {
    try (StepNetwork.Session net = network.open(step.id(), step.network(), step.extraHosts())) {
      List<MountSpec> mounts = new ArrayList<>(etcFiles(step, net));
      mounts.addAll(step.mounts());
      ContainerSpec spec = new ContainerSpec(step.id(), step.id().substring(0, Math.min(12, step.id().length())), step.lowerDirs(),
          step.stateDir(), step.args(), step.env(), step.workingDir(), step.uid(), step.gid(), mounts, null,
          net.newNetworkNamespace());
      RunningContainer running;
      try {
        PreparedContainer prepared = runtime.prepare(spec);
        try {
          net.attach(prepared.pid());
        } catch (RuntimeException e) {
          prepared.abort();
          throw e;
        }
        running = prepared.start();
      } catch (RuntimeSetupException e) {
        throw new BuildException(e.getMessage(), e);
      }
      try {
        running.logs().follow(-1, entry -> {
          progress.output(entry.text());
          return true;
        });
      } catch (IOException e) {
        progress.warning("could not read the step's output: " + e.getMessage());
      } catch (InterruptedException e) {
        runtime.kill(running.pid(), 9);
        Thread.currentThread().interrupt();
      }
      ExitStatus status = running.exited().join();
      try {
        Files.move(ContainerFiles.of(step.stateDir()).upperDir(), step.diffDir());
      } finally {
        runtime.cleanup(step.id(), step.stateDir());
      }
      return status.exitCode();
    } catch (IOException e) {
      throw new BuildException("keeping the result of RUN in " + step.diffDir() + " failed: " + e.getMessage(), e);
    }
  }

  private static List<MountSpec> etcFiles(RunStep step, StepNetwork.Session net) throws IOException {
    Files.createDirectories(step.stateDir());
    Path hosts = Files.writeString(step.stateDir().resolve("hosts"), net.hosts());
    Path hostname = Files.writeString(step.stateDir().resolve("hostname"), step.id().substring(0, Math.min(12, step.id().length())) + "\n");
    Path resolv = Files.writeString(step.stateDir().resolve("resolv.conf"), net.resolvConf());
    return List.of(MountSpec.bind(hosts.toString(), "/etc/hosts", false),
        MountSpec.bind(hostname.toString(), "/etc/hostname", false),
        MountSpec.bind(resolv.toString(), "/etc/resolv.conf", false));
  }
}
