package dev.jcompose.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileParserTest {

  static Dockerfile parse(String content) {
    return DockerfileParser.parse(content, "Dockerfile");
  }

  /** The instructions of the only stage. */
  static List<Instruction> body(String content) {
    Dockerfile d = parse(content);
    assertEquals(1, d.stages().size());
    return d.stages().get(0).instructions();
  }

  static <T extends Instruction> T only(Class<T> type, String afterFrom) {
    List<Instruction> ins = body("FROM alpine\n" + afterFrom);
    assertEquals(1, ins.size(), ins.toString());
    return assertInstanceOf(type, ins.get(0));
  }

  static DockerfileException fails(String content) {
    return assertThrows(DockerfileException.class, () -> parse(content));
  }

  static void failsAt(int line, String messagePart, String content) {
    DockerfileException e = fails(content);
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Dockerfile:" + line + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), "expected \"" + messagePart + "\" in: " + e.getMessage());
  }

  @Nested
  class Directives {
    @Test
    void defaultEscapeIsBackslash() {
      assertEquals('\\', parse("FROM alpine\n").escape());
    }

    @Test
    void escapeBacktickChangesContinuation() {
      Dockerfile d = parse("# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir C:\\ `\n  /s\n");
      assertEquals('`', d.escape());
      Instruction.Run run = (Instruction.Run) d.stages().get(0).instructions().get(0);
      assertEquals("dir C:\\   /s", run.command().args().get(0));
      assertEquals(3, run.line());
    }

    @Test
    void escapeBackslashExplicit() {
      assertEquals('\\', parse("# escape=\\\nFROM a\n").escape());
    }

    @Test
    void syntaxAndCheckAreAcceptedAndIgnored() {
      Dockerfile d = parse("# syntax=docker/dockerfile:1.7\n# check=skip=all\n#escape = `\nFROM a\n");
      assertEquals('`', d.escape());
    }

    @Test
    void directiveAfterCommentIsJustAComment() {
      assertEquals('\\', parse("# hello\n# escape=`\nFROM a\n").escape());
    }

    @Test
    void directiveAfterInstructionIsJustAComment() {
      assertEquals('\\', parse("FROM a\n# escape=`\nRUN x\n").escape());
    }

    @Test
    void directiveAfterEmptyLineIsJustAComment() {
      assertEquals('\\', parse("\n# escape=`\nFROM a\n").escape());
    }

    @Test
    void unknownDirectiveEndsDirectives() {
      assertEquals('\\', parse("# foo=bar\n# escape=`\nFROM a\n").escape());
    }

    @Test
    void repeatedDirectiveIsAnError() {
      failsAt(2, "only one \"# escape=\"", "# escape=`\n# escape=\\\nFROM a\n");
    }

    @Test
    void badEscapeValue() {
      failsAt(1, "write # escape=\\ or # escape=`", "# escape=x\nFROM a\n");
    }
  }

  @Nested
  class Lines {
    @Test
    void commentsAndBlankLinesAreSkippedAndLinesCounted() {
      List<Instruction> ins = body("# top\n\nFROM alpine\n   # indented comment\n\nRUN echo hi # not a comment\n");
      Instruction.Run run = (Instruction.Run) ins.get(0);
      assertEquals(6, run.line());
      assertEquals("echo hi # not a comment", run.command().args().get(0));
      assertEquals("RUN echo hi # not a comment", run.text());
    }

    @Test
    void continuationsJoinAsBuildKitDoes() {
      Instruction.Run run = only(Instruction.Run.class, "RUN apt-get update && \\\n    apt-get install -y curl\n");
      assertEquals("apt-get update &&     apt-get install -y curl", run.command().args().get(0));
      assertEquals("RUN apt-get update &&     apt-get install -y curl", run.text());
      assertEquals(2, run.line());
    }

    @Test
    void trailingWhitespaceAfterEscapeStillContinues() {
      Instruction.Run run = only(Instruction.Run.class, "RUN a \\  \t\n  b\n");
      assertEquals("a   b", run.command().args().get(0));
    }

    @Test
    void commentsAndEmptyLinesInsideContinuationAreDropped() {
      List<Instruction> ins = body("FROM a\nRUN one \\\n# a comment\n\n   # another\n  two \\\n\n  three\nUSER bob\n");
      assertEquals("one   two   three", ((Instruction.Run) ins.get(0)).command().args().get(0));
      assertEquals(2, ins.get(0).line());
      assertEquals(9, ins.get(1).line());
    }

    @Test
    void continuationAtEndOfFile() {
      Instruction.Run run = only(Instruction.Run.class, "RUN a \\\n");
      assertEquals("a", run.command().args().get(0));
    }

    @Test
    void keywordsAreCaseInsensitive() {
      List<Instruction> ins = body("from alpine AS Base\nrun echo\nWorkDir /app\n");
      assertInstanceOf(Instruction.Run.class, ins.get(0));
      assertEquals("/app", ((Instruction.Workdir) ins.get(1)).path());
      assertEquals("WORKDIR", ins.get(1).keyword());
      assertEquals("base", parse("from alpine AS Base\n").stages().get(0).name());
    }

    @Test
    void crlfAndBom() {
      Dockerfile d = parse("\uFEFF# escape=`\r\nFROM alpine\r\nRUN a `\r\n  b\r\nCMD [\"sh\"]\r\n");
      assertEquals('`', d.escape());
      List<Instruction> ins = d.stages().get(0).instructions();
      assertEquals("a   b", ((Instruction.Run) ins.get(0)).command().args().get(0));
      assertEquals(List.of("sh"), ((Instruction.Cmd) ins.get(1)).command().args());
      assertEquals(5, ins.get(1).line());
    }

    @Test
    void tabsSeparateKeywordsAndLegacyEnv() {
      List<Instruction> ins = body("FROM\tubuntu\nENV\tPATH\t/go/bin:$PATH\n");
      assertEquals("ENV", ins.get(0).keyword());
      assertEquals(List.of(new KeyValue("PATH", "/go/bin:$PATH")), ((Instruction.Env) ins.get(0)).pairs());
      assertEquals("FROM", parse("FROM\tubuntu\n").stages().get(0).from().keyword());
    }

    @Test
    void leadingWhitespaceBeforeKeyword() {
      assertEquals("x", only(Instruction.User.class, "   USER x\n").user());
    }

    @Test
    void noTrailingNewline() {
      assertEquals("x", only(Instruction.User.class, "USER x").user());
    }
  }

  @Nested
  class Heredocs {
    @Test
    void runWithOnlyAHeredocRunsItsBody() {
      Instruction.Run run = only(Instruction.Run.class, "RUN <<EOF\napt-get update\napt-get install -y vim\nEOF\n");
      assertEquals(Command.shell("apt-get update\napt-get install -y vim\n"), run.command());
      assertEquals("RUN <<EOF\napt-get update\napt-get install -y vim\nEOF", run.text());
    }

    @Test
    void runHeredocWithCommandIsHandedToTheShellWhole() {
      Instruction.Run run = only(Instruction.Run.class, "RUN python3 <<EOF\nprint('hi')\nEOF\n");
      assertEquals("python3 <<EOF\nprint('hi')\nEOF", run.command().args().get(0));
    }

    @Test
    void multipleHeredocsOnOneLine() {
      List<Instruction> ins = body("FROM a\nRUN cat <<A >/a && cat <<-\"B\" >/b\none\nA\n\ttwo\n\tB\nUSER u\n");
      Instruction.Run run = (Instruction.Run) ins.get(0);
      assertEquals("cat <<A >/a && cat <<-\"B\" >/b\none\nA\n\ttwo\nB", run.command().args().get(0));
      assertEquals(7, ins.get(1).line(), "lines after the heredocs are counted");
    }

    @Test
    void dashStripsLeadingTabsAndAllowsIndentedTerminator() {
      Instruction.Run run = only(Instruction.Run.class, "RUN <<-EOF\n\techo a\n\t\techo b\n\tEOF\n");
      assertEquals("echo a\necho b\n", run.command().args().get(0));
    }

    @Test
    void withoutDashIndentedTerminatorIsBody() {
      DockerfileException e = fails("FROM a\nRUN <<EOF\n\techo a\n\tEOF\n");
      assertEquals(2, e.line());
      assertTrue(e.getMessage().contains("unterminated heredoc <<EOF"), e.getMessage());
    }

    @Test
    void heredocBodyKeepsCommentsAndBackslashes() {
      Instruction.Run run = only(Instruction.Run.class, "RUN <<EOF\n# a comment\necho a \\\nEOF\n");
      assertEquals("# a comment\necho a \\\n", run.command().args().get(0));
    }

    @Test
    void copyHeredocs() {
      Instruction.Copy copy = only(Instruction.Copy.class,
          "COPY --chmod=755 <<EOF <<'RAW' local.txt /dest/\nhello $NAME\nEOF\nkeep $THIS\nRAW\n");
      assertEquals(List.of("local.txt"), copy.sources());
      assertEquals(List.of(new Heredoc("EOF", "hello $NAME\n", true), new Heredoc("RAW", "keep $THIS\n", false)),
          copy.heredocs());
      assertEquals("/dest/", copy.destination());
      assertEquals("755", copy.chmod());
    }

    @Test
    void quotedDelimitersDoNotExpand() {
      Instruction.Copy c1 = only(Instruction.Copy.class, "COPY <<\"EOF\" /f\nx\nEOF\n");
      assertFalse(c1.heredocs().get(0).expand());
      Instruction.Copy c2 = only(Instruction.Copy.class, "COPY <<E\"O\"F /f\nx\nEOF\n");
      assertEquals("EOF", c2.heredocs().get(0).name());
      assertFalse(c2.heredocs().get(0).expand());
    }

    @Test
    void copyHeredocWithDashIsChomped() {
      Instruction.Copy copy = only(Instruction.Copy.class, "COPY <<-EOF /f\n\tline\nEOF\n");
      assertEquals("line\n", copy.heredocs().get(0).content());
    }

    @Test
    void emptyHeredoc() {
      Instruction.Copy copy = only(Instruction.Copy.class, "COPY <<EOF /empty\nEOF\n");
      assertEquals("", copy.heredocs().get(0).content());
    }

    @Test
    void addHeredoc() {
      Instruction.Copy add = only(Instruction.Copy.class, "ADD <<EOF /f\nx\nEOF\n");
      assertTrue(add.add());
      assertEquals("x\n", add.heredocs().get(0).content());
    }

    @Test
    void heredocAfterContinuation() {
      Instruction.Run run = only(Instruction.Run.class, "RUN --network=none \\\n  <<EOF\necho hi\nEOF\n");
      assertEquals("echo hi\n", run.command().args().get(0));
      assertEquals("none", run.network());
    }

    @Test
    void heredocsOnlyForRunCopyAdd() {
      Instruction.Cmd cmd = only(Instruction.Cmd.class, "CMD cat <<EOF\n");
      assertEquals("cat <<EOF", cmd.command().args().get(0));
    }

    @Test
    void quotedHeredocMarkerIsNotAHeredoc() {
      Instruction.Run run = only(Instruction.Run.class, "RUN echo \"<<EOF\"\n");
      assertEquals("echo \"<<EOF\"", run.command().args().get(0));
    }

    @Test
    void heredocAsDestinationIsAnError() {
      failsAt(2, "can't be the destination", "FROM a\nCOPY x <<EOF\nbody\nEOF\n");
    }

    @Test
    void unterminated() {
      failsAt(3, "unterminated heredoc <<END", "FROM a\n\nRUN <<END\nx\n");
    }
  }

  @Nested
  class JsonAndShellForm {
    @Test
    void execForm() {
      assertEquals(Command.exec(List.of("echo", "a b")), only(Instruction.Run.class, "RUN [\"echo\", \"a b\"]\n").command());
      assertEquals(Command.exec(List.of("nginx", "-g", "daemon off;")),
          only(Instruction.Cmd.class, "CMD [\"nginx\", \"-g\", \"daemon off;\"]\n").command());
      assertEquals(Command.exec(List.of("/entry.sh")),
          only(Instruction.Entrypoint.class, "ENTRYPOINT   [ \"/entry.sh\" ]  \n").command());
    }

    @Test
    void emptyExecArraysClear() {
      assertEquals(Command.exec(List.of()), only(Instruction.Cmd.class, "CMD []\n").command());
      assertEquals(Command.exec(List.of()), only(Instruction.Entrypoint.class, "ENTRYPOINT []\n").command());
    }

    @Test
    void notJsonIsShellForm() {
      assertEquals(Command.shell("[not json"), only(Instruction.Run.class, "RUN [not json\n").command());
      assertEquals(Command.shell("['single', 'quotes']"),
          only(Instruction.Cmd.class, "CMD ['single', 'quotes']\n").command());
      assertEquals(Command.shell("[\"a\"] trailing"), only(Instruction.Cmd.class, "CMD [\"a\"] trailing\n").command());
      assertEquals(Command.shell("[ -f /x ] && echo y"), only(Instruction.Run.class, "RUN [ -f /x ] && echo y\n").command());
    }

    @Test
    void jsonWithNonStringsIsAnError() {
      failsAt(2, "arrays must be comprised of strings only", "FROM a\nCMD [\"a\", 1]\n");
    }

    @Test
    void shellNeedsJson() {
      assertEquals(List.of("/bin/bash", "-o", "pipefail", "-c"),
          only(Instruction.Shell.class, "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n").shell());
      failsAt(2, "SHELL requires the arguments to be in JSON form", "FROM a\nSHELL /bin/bash -c\n");
      failsAt(2, "SHELL requires at least one argument", "FROM a\nSHELL []\n");
    }

    @Test
    void jsonEscapes() {
      assertEquals(List.of("a\"b", "c\\d", "\u00e9"),
          only(Instruction.Cmd.class, "CMD [\"a\\\"b\", \"c\\\\d\", \"\\u00e9\"]\n").command().args());
    }
  }

  @Nested
  class Instructions {
    @Test
    void fromVariants() {
      Dockerfile d = parse("ARG V=3.19\nFROM --platform=$BUILDPLATFORM golang:1.22 AS Build\nFROM alpine:${V}\nFROM build as final\n");
      Instruction.From f0 = d.stages().get(0).from();
      assertEquals("golang:1.22", f0.image());
      assertEquals("build", f0.stageName());
      assertEquals("$BUILDPLATFORM", f0.platform());
      assertEquals("alpine:${V}", d.stages().get(1).from().image());
      assertNull(d.stages().get(1).name());
      assertNull(d.stages().get(1).from().platform());
      assertEquals("build", d.stages().get(2).from().image());
      assertEquals(List.of(0, 1, 2), d.stages().stream().map(Stage::index).toList());
      assertEquals(d.stages().get(2), d.stage("FINAL").orElseThrow());
      assertEquals(d.stages().get(1), d.stage("1").orElseThrow());
    }

    @Test
    void globalArgs() {
      Dockerfile d = parse("ARG A\nARG B=2 C=\"x y\"\nFROM a\nARG A\n");
      assertEquals(2, d.globalArgs().size());
      assertEquals(List.of(new ArgDefinition("A", null)), d.globalArgs().get(0).definitions());
      assertEquals(List.of(new ArgDefinition("B", "2"), new ArgDefinition("C", "\"x y\"")),
          d.globalArgs().get(1).definitions());
      assertEquals(1, d.stages().get(0).instructions().size());
    }

    @Test
    void argEmptyDefault() {
      assertEquals(List.of(new ArgDefinition("X", "")), only(Instruction.Arg.class, "ARG X=\n").definitions());
    }

    @Test
    void envForms() {
      assertEquals(List.of(new KeyValue("A", "1"), new KeyValue("B", "\"v 2\""), new KeyValue("C", "x\\ y")),
          only(Instruction.Env.class, "ENV A=1 B=\"v 2\" C=x\\ y\n").pairs());
      assertEquals(List.of(new KeyValue("PATH", "/usr/bin:$PATH  with spaces")),
          only(Instruction.Env.class, "ENV PATH /usr/bin:$PATH  with spaces\n").pairs());
      assertEquals(List.of(new KeyValue("A", ""), new KeyValue("B", "'q'")),
          only(Instruction.Env.class, "ENV A= B='q'\n").pairs());
    }

    @Test
    void envErrors() {
      failsAt(2, "ENV requires at least one argument", "FROM a\nENV\n");
      failsAt(2, "ENV LONELY has no value", "FROM a\nENV LONELY\n");
      failsAt(2, "can't find = in \"b\"", "FROM a\nENV a=1 b\n");
      failsAt(2, "ENV names can not be blank", "FROM a\nENV =1\n");
    }

    @Test
    void labelKeepsQuotes() {
      assertEquals(List.of(new KeyValue("\"com.example.vendor\"", "\"ACME Inc\""), new KeyValue("version", "1.0")),
          only(Instruction.Label.class, "LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0\n").pairs());
      assertEquals(List.of(new KeyValue("maintainer", "me <me@x.y>")),
          only(Instruction.Label.class, "LABEL maintainer me <me@x.y>\n").pairs());
    }

    @Test
    void exposeAndVolume() {
      assertEquals(List.of("80", "443/tcp", "${P}"), only(Instruction.Expose.class, "EXPOSE 80  443/tcp ${P}\n").ports());
      assertEquals(List.of("/data", "/logs"), only(Instruction.Volume.class, "VOLUME /data /logs\n").paths());
      assertEquals(List.of("/data dir"), only(Instruction.Volume.class, "VOLUME [\"/data dir\"]\n").paths());
      failsAt(2, "VOLUME specified can not be an empty string", "FROM a\nVOLUME [\"\"]\n");
      failsAt(2, "EXPOSE requires at least one argument", "FROM a\nEXPOSE\n");
    }

    @Test
    void restOfLineInstructions() {
      assertEquals("/app dir", only(Instruction.Workdir.class, "WORKDIR /app dir\n").path());
      assertEquals("1000:1000", only(Instruction.User.class, "USER 1000:1000\n").user());
      assertEquals("SIGQUIT", only(Instruction.StopSignal.class, "STOPSIGNAL SIGQUIT\n").signal());
      assertEquals("Jane Doe <j@d.e>", only(Instruction.Maintainer.class, "MAINTAINER Jane Doe <j@d.e>\n").name());
      failsAt(2, "WORKDIR requires exactly one argument", "FROM a\nWORKDIR\n");
    }

    @Test
    void onbuild() {
      Instruction.OnBuild ob = only(Instruction.OnBuild.class, "ONBUILD   RUN echo built\n");
      assertEquals("RUN echo built", ob.trigger());
      Instruction trigger = DockerfileParser.parseTrigger(ob.trigger(), "Dockerfile", ob.line(), '\\');
      assertEquals(Command.shell("echo built"), ((Instruction.Run) trigger).command());
      assertEquals("ONBUILD", ob.keyword());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ONBUILD", "FROM", "MAINTAINER", "onbuild"})
    void forbiddenOnbuildTriggers(String kw) {
      failsAt(2, "isn't allowed as an ONBUILD trigger", "FROM a\nONBUILD " + kw + " x\n");
    }

    @Test
    void onbuildTriggerIsValidated() {
      failsAt(2, "unknown instruction: RUNN", "FROM a\nONBUILD RUNN x\n");
      failsAt(2, "ONBUILD requires an instruction", "FROM a\nONBUILD\n");
    }

    @Test
    void healthcheck() {
      Instruction.Healthcheck h = only(Instruction.Healthcheck.class,
          "HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=5s --start-interval=1.5s --retries=3 \\\n"
              + "  CMD curl -f http://localhost/ || exit 1\n");
      assertEquals(Command.shell("curl -f http://localhost/ || exit 1"), h.test());
      assertEquals(Duration.ofSeconds(90), h.interval());
      assertEquals(Duration.ofMillis(500), h.timeout());
      assertEquals(Duration.ofSeconds(5), h.startPeriod());
      assertEquals(Duration.ofMillis(1500), h.startInterval());
      assertEquals(3, h.retries());
      assertFalse(h.none());
    }

    @Test
    void healthcheckExecAndDefaults() {
      Instruction.Healthcheck h = only(Instruction.Healthcheck.class, "HEALTHCHECK cmd [\"/bin/check\", \"-q\"]\n");
      assertEquals(Command.exec(List.of("/bin/check", "-q")), h.test());
      assertNull(h.interval());
      assertNull(h.retries());
    }

    @Test
    void healthcheckNone() {
      assertTrue(only(Instruction.Healthcheck.class, "HEALTHCHECK NONE\n").none());
      failsAt(2, "HEALTHCHECK NONE takes no arguments", "FROM a\nHEALTHCHECK NONE x\n");
    }

    @Test
    void healthcheckErrors() {
      failsAt(3, "HEALTHCHECK --interval", "FROM a\n\nHEALTHCHECK --interval=30 CMD x\n");
      failsAt(2, "HEALTHCHECK --timeout", "FROM a\nHEALTHCHECK --timeout=abc CMD x\n");
      failsAt(2, "cannot be less than 1ms", "FROM a\nHEALTHCHECK --interval=10us CMD x\n");
      failsAt(2, "--retries cannot be negative", "FROM a\nHEALTHCHECK --retries=-1 CMD x\n");
      failsAt(2, "unknown type \"RUN\" in HEALTHCHECK", "FROM a\nHEALTHCHECK RUN x\n");
      failsAt(2, "HEALTHCHECK CMD needs a command", "FROM a\nHEALTHCHECK CMD\n");
      failsAt(2, "HEALTHCHECK requires an argument", "FROM a\nHEALTHCHECK\n");
    }

    @Test
    void cmdAndEntrypointNeedSomething() {
      failsAt(2, "CMD requires at least one argument", "FROM a\nCMD\n");
      failsAt(2, "ENTRYPOINT [] clears it", "FROM a\nENTRYPOINT\n");
      failsAt(2, "RUN requires at least one argument", "FROM a\nRUN\n");
      failsAt(2, "RUN requires at least one argument", "FROM a\nRUN []\n");
    }
  }

  @Nested
  class Flags {
    @Test
    void runMounts() {
      Instruction.Run run = only(Instruction.Run.class,
          "RUN --mount=type=cache,target=/root/.cache,sharing=locked --mount=target=/src,ro "
              + "--mount=type=secret,id=tok --network=host --security=insecure make\n");
      assertEquals(List.of(
          new RunMount("cache", Map.of("target", "/root/.cache", "sharing", "locked")),
          new RunMount("bind", Map.of("target", "/src", "ro", "true")),
          new RunMount("secret", Map.of("id", "tok"))), run.mounts());
      assertEquals("host", run.network());
      assertEquals("insecure", run.security());
      assertEquals(Command.shell("make"), run.command());
    }

    @Test
    void runDefaults() {
      Instruction.Run run = only(Instruction.Run.class, "RUN make\n");
      assertEquals(List.of(), run.mounts());
      assertNull(run.network());
      assertNull(run.security());
    }

    @Test
    void quotedFlagValues() {
      Instruction.Run run = only(Instruction.Run.class, "RUN --mount=type=bind,source=\"a b\",target=/x ls\n");
      assertEquals(Map.of("source", "a b", "target", "/x"), run.mounts().get(0).options());
    }

    @Test
    void runFlagErrors() {
      failsAt(2, "--network=bridge is not supported", "FROM a\nRUN --network=bridge x\n");
      failsAt(2, "unsupported mount type \"nfs\"", "FROM a\nRUN --mount=type=nfs,target=/x x\n");
      failsAt(2, "must be a key=value pair", "FROM a\nRUN --mount=target=/x,bogus x\n");
      failsAt(2, "--security=root is not supported", "FROM a\nRUN --security=root x\n");
    }

    @Test
    void copyFlags() {
      Instruction.Copy c = only(Instruction.Copy.class,
          "COPY --from=build --chown=app:app --chmod=0644 --link --exclude=*.md --exclude=tmp/ --parents a b /dst/\n");
      assertFalse(c.add());
      assertEquals("build", c.from());
      assertEquals("app:app", c.chown());
      assertEquals("0644", c.chmod());
      assertTrue(c.link());
      assertEquals(List.of("*.md", "tmp/"), c.excludes());
      assertEquals(List.of("a", "b"), c.sources());
      assertEquals("/dst/", c.destination());
      assertNull(c.checksum());
    }

    @Test
    void linkFalseAndDefaults() {
      Instruction.Copy c = only(Instruction.Copy.class, "COPY --link=false a /b\n");
      assertFalse(c.link());
      assertNull(c.from());
      assertEquals(List.of(), c.excludes());
      assertEquals(List.of(), c.heredocs());
    }

    @Test
    void addFlags() {
      Instruction.Copy a = only(Instruction.Copy.class,
          "ADD --checksum=sha256:abc --keep-git-dir=true https://example.com/x.tgz /opt/\n");
      assertTrue(a.add());
      assertEquals("sha256:abc", a.checksum());
      assertTrue(a.keepGitDir());
      assertEquals(List.of("https://example.com/x.tgz"), a.sources());
    }

    @Test
    void copyJsonForm() {
      Instruction.Copy c = only(Instruction.Copy.class, "COPY [\"my file.txt\", \"other\", \"/dest dir/\"]\n");
      assertEquals(List.of("my file.txt", "other"), c.sources());
      assertEquals("/dest dir/", c.destination());
    }

    @Test
    void unknownFlagNamesFlagAndInstruction() {
      failsAt(2, "unknown flag --frm for COPY", "FROM a\nCOPY --frm=x a b\n");
      failsAt(2, "unknown flag --from for ADD", "FROM a\nADD --from=x a b\n");
      failsAt(2, "unknown flag --foo for ENV: ENV takes no flags", "FROM a\nENV --foo=1 A=b\n");
      failsAt(1, "unknown flag --plat for FROM", "FROM --plat=x a\n");
    }

    @Test
    void flagValueErrors() {
      failsAt(2, "COPY --from needs a value", "FROM a\nCOPY --from a b\n");
      failsAt(2, "takes true or false", "FROM a\nCOPY --link=maybe a b\n");
      failsAt(2, "COPY has --from twice", "FROM a\nCOPY --from=a --from=b a b\n");
    }

    @Test
    void doubleDashEndsFlags() {
      assertEquals(Command.shell("--not-a-flag"), only(Instruction.Run.class, "RUN -- --not-a-flag\n").command());
    }

    @Test
    void copyArgumentCount() {
      failsAt(2, "COPY requires at least two arguments, but only one was provided", "FROM a\nCOPY onlyone\n");
      failsAt(2, "ADD requires at least two arguments, but none was provided", "FROM a\nADD\n");
    }
  }

  @Nested
  class StagesAndErrors {
    @Test
    void stageInstructionsAreGrouped() {
      Dockerfile d = parse("FROM a AS one\nRUN x\nRUN y\nFROM b\nCOPY --from=one /x /x\n");
      assertEquals(2, d.stages().get(0).instructions().size());
      assertEquals(1, d.stages().get(1).instructions().size());
      assertEquals("one", d.stages().get(0).name());
    }

    @Test
    void duplicateStageName() {
      failsAt(3, "duplicate stage name \"one\": line 1", "FROM a AS one\nFROM b\nFROM c AS ONE\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1st", "a/b", "-x", "a:b"})
    void invalidStageNames(String name) {
      failsAt(1, "invalid name for build stage", "FROM a AS " + name + "\n");
    }

    @Test
    void validStageNames() {
      assertEquals("a-b_c.d9", parse("FROM x AS a-b_c.d9\n").stages().get(0).name());
    }

    @Test
    void fromArgumentCount() {
      failsAt(1, "FROM requires either one or three arguments", "FROM a AS\n");
      failsAt(1, "FROM requires either one or three arguments", "FROM a b c\n");
      failsAt(1, "FROM requires either one or three arguments", "FROM\n");
    }

    @Test
    void instructionBeforeFrom() {
      failsAt(3, "RUN comes before the first FROM: a Dockerfile must start with FROM", "ARG x\n\nRUN y\nFROM a\n");
    }

    @Test
    void emptyOrNoFrom() {
      failsAt(1, "has no instructions", "");
      failsAt(1, "has no instructions", "# just a comment\n\n");
      failsAt(2, "has no FROM instruction", "\nARG x\n");
    }

    @Test
    void unknownInstructionSuggests() {
      failsAt(2, "unknown instruction: RUNN (did you mean RUN?)", "FROM a\nRUNN x\n");
      failsAt(2, "unknown instruction: COPPY (did you mean COPY?)", "FROM a\nCOPPY x y\n");
      failsAt(2, "(did you mean WORKDIR?)", "FROM a\nworkdri /x\n");
      DockerfileException e = fails("FROM a\nFROBNICATE x\n");
      assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
      assertTrue(e.getMessage().contains("instructions are"), e.getMessage());
    }

    @Test
    void errorLineIsTheInstructionStartEvenWithContinuation() {
      failsAt(3, "unknown flag --bogus for RUN", "FROM a\n# c\nRUN \\\n  --bogus=1 \\\n  make\n");
    }

    @Test
    void exceptionCarriesSource() {
      DockerfileException e = assertThrows(DockerfileException.class,
          () -> DockerfileParser.parse("FROM a\nNOPE\n", "app/Dockerfile.dev"));
      assertEquals("app/Dockerfile.dev", e.source());
      assertTrue(e.getMessage().startsWith("app/Dockerfile.dev:2: "), e.getMessage());
    }
  }

  @Test
  void realisticDockerfile() {
    String content = """
        # syntax=docker/dockerfile:1
        ARG GO_VERSION=1.22
        FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
        WORKDIR /src
        RUN --mount=type=cache,target=/go/pkg/mod \\
            --mount=type=bind,source=go.sum,target=go.sum \\
            go mod download -x
        ENV CGO_ENABLED=0
        RUN --mount=type=cache,target=/go/pkg/mod \\
            go build -o /bin/server .

        FROM alpine:latest AS final
        RUN --mount=type=cache,target=/var/cache/apk \\
            apk --update add ca-certificates tzdata && update-ca-certificates
        ARG UID=10001
        RUN adduser --disabled-password --gecos "" --uid "${UID}" appuser
        USER appuser
        COPY --from=build /bin/server /bin/
        EXPOSE 8000
        ENTRYPOINT [ "/bin/server" ]
        """;
    Dockerfile d = parse(content);
    assertEquals(1, d.globalArgs().size());
    assertEquals(2, d.stages().size());
    assertEquals(4, d.stages().get(0).instructions().size());
    assertEquals(7, d.stages().get(1).instructions().size());
    assertEquals(12, d.stages().get(1).from().line());
    Instruction.Run dl = (Instruction.Run) d.stages().get(0).instructions().get(1);
    assertEquals(5, dl.line());
    assertEquals(2, dl.mounts().size());
    assertEquals("go mod download -x", dl.command().args().get(0).strip());
  }
}
