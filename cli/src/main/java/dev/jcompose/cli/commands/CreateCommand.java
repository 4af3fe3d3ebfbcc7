package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ConvergeOptions;
import dev.jcompose.cli.compose.ImageBuilder;
import dev.jcompose.cli.compose.ImagePuller;
import dev.jcompose.cli.compose.ProjectResources;
import dev.jcompose.cli.compose.ServiceConverger;
import dev.jcompose.cli.compose.ServiceTasks;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.scheduler.ServiceGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose create}: create the networks, volumes and containers of services, without starting them. */
@Command(name = "create", description = "Creates containers for a service")
public final class CreateCommand extends ProjectCommand {
  @Option(names = "--force-recreate", description = "Recreate containers even if their configuration hasn't changed")
  boolean forceRecreate;

  @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them")
  boolean noRecreate;

  @Option(names = "--scale", description = "Scale SERVICE to NUM instances (SERVICE=NUM)")
  List<String> scale = new ArrayList<>();

  @Option(names = {"-V", "--renew-anon-volumes"}, description = "Recreate anonymous volumes instead of retrieving data from the previous containers")
  boolean renewAnonVolumes;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    converge(p, services, false, engine(), progress(), recreate(forceRecreate, noRecreate), scale, null, renewAnonVolumes);
  }

  static ConvergeOptions.Recreate recreate(boolean force, boolean never) {
    if (force && never) {
      throw new UserFacingException("--force-recreate and --no-recreate are incompatible");
    }
    return force ? ConvergeOptions.Recreate.ALWAYS : never ? ConvergeOptions.Recreate.NEVER : ConvergeOptions.Recreate.CHANGED;
  }

  /** Creates what the selected services need, then converges each service in dependency order. */
  static Set<String> converge(Project p, List<String> services, boolean noDeps, EngineClient engine, Progress progress,
      ConvergeOptions.Recreate recreate, List<String> scale, Integer timeout, boolean start, boolean renewAnonVolumes) {
    Map<String, Integer> scales = new LinkedHashMap<>();
    for (String s : scale) {
      Map.Entry<String, Integer> e = ConvergeOptions.parseScale(s);
      if (p.service(e.getKey()).isEmpty()) {
        throw new UserFacingException("--scale " + s + ": no such service: " + e.getKey());
      }
      scales.put(e.getKey(), e.getValue());
    }
    ServiceGraph graph = ServiceGraph.of(p);
    Set<String> selected = graph.selectForUp(services, noDeps);
    List<ServiceConfig> configs = p.services().stream().filter(s -> selected.contains(s.name())).toList();
    for (ServiceConfig s : configs) {
      for (String key : s.ignoredAttributes()) {
        progress.warn("services." + s.name() + "." + key + " is not supported by jcompose yet and is ignored");
      }
    }
    dev.jcompose.cli.compose.BindSources.check(configs); // create_host_path: false and a missing path: nothing is created
    new ImageBuilder(engine, System.out).buildMissing(p.name(), configs); // services with build: whose image is not there yet
    new ImagePuller(engine, progress).pullForUp(configs); // before anything is created, as Compose does
    ProjectResources resources = new ProjectResources(engine, progress);
    resources.ensureNetworks(p, configs);
    resources.ensureVolumes(p, configs);
    // as Compose: every container is created first, so that a conflict (a taken port, a name) fails
    // before anything starts; then the services start in dependency order, each once its dependencies' conditions hold
    ConvergeOptions createOnly = new ConvergeOptions(recreate, false, scales, timeout, renewAnonVolumes);
    ServiceConverger converger = new ServiceConverger(engine, progress);
    ServiceTasks.inDependencyOrder(graph, selected, s -> converger.converge(p, p.service(s).orElseThrow(), createOnly));
    if (start) {
      ServiceTasks.inDependencyOrder(graph, selected, s -> converger.start(p, p.service(s).orElseThrow(), createOnly));
    }
    return selected;
  }

  static Set<String> converge(Project p, List<String> services, boolean noDeps, EngineClient engine, Progress progress,
      ConvergeOptions.Recreate recreate, List<String> scale, Integer timeout, boolean renewAnonVolumes) {
    return converge(p, services, noDeps, engine, progress, recreate, scale, timeout, false, renewAnonVolumes);
  }
}
