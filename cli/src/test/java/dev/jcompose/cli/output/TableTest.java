package dev.jcompose.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void render_padsColumnsToWidestCellPlusThree() {
    String out = new Table("NAME", "IMAGE", "STATUS")
        .row("shop-web-1", "busybox", "Up 2 seconds")
        .row("db", "postgres:16", "Exited (0) 1 second ago")
        .render();
    assertEquals(""
        + "NAME         IMAGE         STATUS\n"
        + "shop-web-1   busybox       Up 2 seconds\n"
        + "db           postgres:16   Exited (0) 1 second ago\n", out);
  }

  @Test
  void render_headerOnly() {
    assertEquals("NAME   IMAGE\n", new Table("NAME", "IMAGE").render());
  }

  @Test
  void render_emptyLastCells_leaveNoTrailingSpaces() {
    String out = new Table("NAME", "PORTS").row("web", "").row("db", null).render();
    assertEquals("NAME   PORTS\nweb\ndb\n", out);
  }

  @Test
  void render_nullCell_isEmpty() {
    assertEquals("A   B   C\nx       z\n", new Table("A", "B", "C").row("x", null, "z").render());
  }

  @Test
  void row_wrongCellCount_saysHowMany() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Table("A", "B", "C").row("x", "y"));
    assertEquals("expected 3 cells, got 2", e.getMessage());
  }

  @Test
  void render_unicodeCellsCountCharacters() {
    String out = new Table("COMMAND", "X").row("\"sleep\u2026\"", "1").render();
    assertEquals("COMMAND    X\n\"sleep\u2026\"   1\n", out);
  }
}
