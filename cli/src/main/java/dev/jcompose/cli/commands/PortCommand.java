package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.compose.model.Project;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose port SERVICE PRIVATE_PORT}: which host address and port a container port is published on. */
@Command(name = "port", description = "Print the public port for a port binding")
public final class PortCommand extends ProjectCommand {
  @Option(names = "--protocol", defaultValue = "tcp", description = "tcp or udp (default ${DEFAULT-VALUE})")
  String protocol;

  @Option(names = "--index", defaultValue = "1", description = "Index of the container if the service has multiple replicas")
  int index;

  @Parameters(index = "0", description = "Service")
  String service;

  @Parameters(index = "1", description = "Private port")
  int privatePort;

  @Override
  public void run() {
    Project p = project(List.of(service));
    EngineClient engine = engine();
    ContainerSummary c = containers(engine, p, List.of(service), false).stream()
        .filter(x -> Integer.toString(index).equals(x.labels().get(ComposeLabels.NUMBER)))
        .findFirst()
        .orElseThrow(() -> new UserFacingException("service \"" + service + "\" has no running container number " + index));
    List<ContainerSummary.Port> ports = c.ports() == null ? List.of() : c.ports();
    ContainerSummary.Port port = ports.stream()
        .filter(x -> x.privatePort() != null && x.privatePort() == privatePort && protocol.equals(x.type()) && x.publicPort() != null)
        .findFirst()
        .orElseThrow(() -> new UserFacingException("no port " + privatePort + "/" + protocol + " for container " + c.name()
            + " is published on the host (see ports: in the Compose file)"));
    String ip = port.ip() == null || port.ip().isEmpty() ? "0.0.0.0" : port.ip();
    System.out.println((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port.publicPort());
  }
}
