package dev.jcompose.build.dockerfile;

import java.util.List;

/** One build stage: its FROM and the instructions after it, up to the next FROM. {@code name} is lower case, or null. */
public record Stage(int index, String name, Instruction.From from, List<Instruction> instructions) {
  public Stage {
    instructions = List.copyOf(instructions);
  }
}
