package dev.jcompose.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases from moby/patternmatcher's tests (TestMatches, TestMatch, the multi-pattern table) and
 * from the docker CLI's documented .dockerignore behaviour. "Excluded" is the answer of
 * MatchesOrParentMatches / the tar walker.
 */
class DockerIgnoreTest {

  static Stream<Arguments> singlePattern() {
    return Stream.of(
        // pattern, path, excluded
        Arguments.of("**", "file", true),
        Arguments.of("**/", "file", true),
        Arguments.of("**", "dir/file", true),
        Arguments.of("**/**", "dir/file", true),
        Arguments.of("dir/**", "dir/file", true),
        Arguments.of("dir/**", "dir/dir2/file", true),
        Arguments.of("**/dir", "dir", true),
        Arguments.of("**/dir", "dir/file", true),
        Arguments.of("**/dir2/*", "dir/dir2/file", true),
        Arguments.of("**/dir2/**", "dir/dir2/dir3/file", true),
        Arguments.of("**file", "file", true),
        Arguments.of("**file", "dir/file", true),
        Arguments.of("**file", "dir/dir/file", true),
        Arguments.of("**/file", "dir/dir/file", true),
        Arguments.of("**/file*", "dir/dir/file.txt", true),
        Arguments.of("**/file*.txt", "dir/dir/file.txt", true),
        Arguments.of("**/**/*.txt", "dir/dir/file.txt", true),
        Arguments.of("**/**/*.txt2", "dir/dir/file.txt", false),
        Arguments.of("**/*.txt", "file.txt", true),
        Arguments.of("a**/*.txt", "a/dir/dir/file.txt", true),
        Arguments.of("a/*.txt", "a/dir/file.txt", false),
        Arguments.of("a/*.txt", "a/file.txt", true),
        Arguments.of("a/*.txt**", "a/file.txt", true),
        Arguments.of("a[b-d]e", "ae", false),
        Arguments.of("a[b-d]e", "ace", true),
        Arguments.of("a[b-d]e", "aae", false),
        Arguments.of("a[^b-d]e", "aze", true),
        Arguments.of(".*", ".foo", true),
        Arguments.of(".*", "foo", false),
        Arguments.of("abc.def", "abcdef", false),
        Arguments.of("abc.def", "abc.def", true),
        Arguments.of("abc?def", "abcZdef", true),
        Arguments.of("abc?def", "abcdef", false),
        Arguments.of("**/foo/bar", "foo/bar", true),
        Arguments.of("**/foo/bar", "dir/dir2/foo/bar", true),
        Arguments.of("abc/**", "abc", false),
        Arguments.of("abc/**", "abc/def/ghi", true),
        Arguments.of("**/.foo", ".foo", true),
        Arguments.of("**/.foo", "bar.foo", false),
        Arguments.of("a(b)c/def", "a(b)c/def", true),
        Arguments.of("a.|)$(}+{bc", "a.|)$(}+{bc", true),
        Arguments.of("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true),
        Arguments.of("a\\\\", "a\\", true),
        Arguments.of("a\\*b", "a*b", true),
        Arguments.of("a\\*b", "axb", false),
        Arguments.of("*", "abc", true),
        Arguments.of("a*", "ab/c", true), // through the parent "ab"
        Arguments.of("a*/b", "abc/b", true),
        Arguments.of("a*/b", "a/c/b", false),
        Arguments.of("a*b*c*d*e*/f", "axbxcxdxexxx/f", true),
        Arguments.of("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
        Arguments.of("a*b?c*x", "abxbbxdbxebxczzx", true),
        Arguments.of("ab[^c]", "abc", false),
        Arguments.of("ab[^e-g]", "abc", true),
        Arguments.of("a?b", "a\u263Ab", true),
        Arguments.of("a???b", "a\u263Ab", false),
        Arguments.of("[a-\u03B6]*", "\u03B1", true),
        Arguments.of("*[a-\u03B6]", "A", false),
        Arguments.of("a?b", "a/b", false),
        Arguments.of("a*b", "a/b", false),
        Arguments.of("[\\]a]", "]", true),
        Arguments.of("[\\-]", "-", true),
        Arguments.of("[x\\-]", "z", false),
        Arguments.of("[\\-x]", "x", true),
        Arguments.of("*x", "xxx", true),
        // .dockerignore idioms
        Arguments.of("**/*.go", "main.go", true),
        Arguments.of("**/*.go", "cmd/tool/main.go", true),
        Arguments.of("**/*.go", "cmd/tool/main.gox", false),
        Arguments.of("dir/", "dir", true),
        Arguments.of("dir/", "dir/a/b", true),
        Arguments.of("dir/", "dirx", false),
        Arguments.of("dir/", "sub/dir", false),
        Arguments.of("/abs", "abs", true),
        Arguments.of("/abs", "x/abs", false),
        Arguments.of("a/**/b", "a/b", true),
        Arguments.of("a/**/b", "a/x/y/b", true),
        Arguments.of("a/**/b", "a/x/b/c", true),
        Arguments.of("a/**/b", "b", false),
        Arguments.of(".git", ".git/objects/ab/cdef", true),
        Arguments.of(".git", "sub/.git", false),
        Arguments.of("./foo", "foo", true),
        Arguments.of("foo/../bar", "bar", true),
        Arguments.of("foo/../bar", "foo/bar", false),
        Arguments.of("node_modules", "node_modules/x/index.js", true),
        Arguments.of("*.md", "docs/x.md", false)); // "*" stays in one directory
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @MethodSource("singlePattern")
  void isExcluded_singlePattern(String pattern, String path, boolean excluded) {
    assertEquals(excluded, DockerIgnore.of(List.of(pattern)).isExcluded(path));
  }

  static Stream<Arguments> patternLists() {
    return Stream.of(
        Arguments.of(List.of("*.md", "!README.md"), "README.md", false),
        Arguments.of(List.of("*.md", "!README.md"), "CHANGES.md", true),
        Arguments.of(List.of("!README.md", "*.md"), "README.md", true), // last match wins
        Arguments.of(List.of("docs", "!docs/README.md"), "docs/README.md", false),
        Arguments.of(List.of("docs", "!docs/README.md"), "docs/other.md", true),
        Arguments.of(List.of("docs/", "!docs/README.md"), "docs/README.md", false),
        Arguments.of(List.of("docs/*", "!docs/README.md"), "docs/README.md", false),
        Arguments.of(List.of("*", "!keep"), "keep", false),
        Arguments.of(List.of("*", "!keep"), "keep/inside", false),
        Arguments.of(List.of("*", "!keep"), "other/inside", true),
        Arguments.of(List.of("**", "!util/docker/web"), "util/docker/web/foo", false),
        Arguments.of(List.of("**", "!util/docker/web", "util/docker/web/foo"), "util/docker/web/foo", true),
        Arguments.of(List.of("**", "!dist/*.whl"), "dist/x-1.0-py3-none-any.whl", false),
        // an exception re-includes a file inside an excluded directory
        Arguments.of(List.of("build", "!build/keep.txt"), "build/keep.txt", false),
        Arguments.of(List.of("build", "!build/keep.txt"), "build/drop.txt", true),
        // the walker hands down the parent's per-pattern results (MatchesUsingParentResults):
        // "!a" was not tried on "a" (nothing excluded it yet), so it doesn't re-include a/b
        Arguments.of(List.of("a/b", "!a"), "a/b", true),
        Arguments.of(List.of("a/b", "!a"), "a/c", false));
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @MethodSource("patternLists")
  void isExcluded_patternList(List<String> patterns, String path, boolean excluded) {
    assertEquals(excluded, DockerIgnore.of(patterns).isExcluded(path));
  }

  @Test
  void isExcluded_contextRootNever() {
    DockerIgnore all = DockerIgnore.of(List.of("**", "*", "."));
    assertFalse(all.isExcluded("."));
    assertFalse(all.isExcluded(""));
  }

  @Test
  void parse_readsLikeIgnorefileReadAll() {
    String text = "\uFEFFtest1\n"
        + "/test2\n"
        + "/a/file/here\n"
        + "\n"
        + "lastfile\n"
        + "# this is a comment\n"
        + "! /inverted/abs/path\n"
        + "  spaced  \r\n"
        + "./foo\n"
        + "foo/../bar\n"
        + "dir/\n"
        + "  # indented: not a comment\n"
        + "\\#literal\n";
    assertEquals(List.of("test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path", "spaced",
        "foo", "bar", "dir", "# indented: not a comment", "\\#literal"), DockerIgnore.parse(text).patterns());
  }

  @Test
  void parse_escapedHashMatchesHashFile() {
    DockerIgnore ignore = DockerIgnore.parse("\\#notes\n");
    assertTrue(ignore.isExcluded("#notes"));
    assertFalse(ignore.isExcluded("notes"));
  }

  @Test
  void parse_commentsAndBlankLinesIgnoreNothing() {
    DockerIgnore ignore = DockerIgnore.parse("# *\n\n   \n");
    assertEquals(List.of(), ignore.patterns());
    assertFalse(ignore.isExcluded("anything"));
  }

  @Test
  void parse_loneExclamation_namesTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DockerIgnore.parse("ok\n# c\n!  \n"));
    assertEquals(".dockerignore:3: illegal exclusion pattern: \"!\"", e.getMessage());
  }

  @Test
  void parse_malformedPatterns_areErrors() {
    for (String bad : List.of("[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerIgnore.parse(bad),
          bad);
      assertTrue(e.getMessage().startsWith(".dockerignore:1: syntax error in pattern"), e.getMessage());
    }
  }

  @Test
  void hasExceptions() {
    assertFalse(DockerIgnore.of(List.of("docs")).hasExceptions());
    assertTrue(DockerIgnore.of(List.of("docs", "  !docs/README.md  ")).hasExceptions());
  }

  @Test
  void canSkipExcludedDirectory_followsTheDockerCliPrefixRule() {
    assertTrue(DockerIgnore.of(List.of("node_modules")).canSkipExcludedDirectory("node_modules"));
    DockerIgnore keep = DockerIgnore.of(List.of("build", "!build/out/keep.txt"));
    assertFalse(keep.canSkipExcludedDirectory("build"));
    assertFalse(keep.canSkipExcludedDirectory("build/out"));
    assertTrue(keep.canSkipExcludedDirectory("build/tmp"));
    assertTrue(keep.canSkipExcludedDirectory("bui"));
    // a wildcard exception doesn't open an excluded directory (same as docker)
    assertTrue(DockerIgnore.of(List.of("build", "!*/keep.txt")).canSkipExcludedDirectory("build"));
  }

  @Test
  void match_withParentResult_agreesWithIsExcluded() {
    DockerIgnore ignore = DockerIgnore.of(List.of("*", "!src", "src/**/*.tmp", "!src/keep.tmp"));
    DockerIgnore.Match src = ignore.match("src", null);
    DockerIgnore.Match sub = ignore.match("src/sub", src);
    assertFalse(src.excluded());
    assertFalse(sub.excluded());
    assertTrue(ignore.match("src/sub/x.tmp", sub).excluded());
    assertFalse(ignore.match("src/keep.tmp", src).excluded());
    assertTrue(ignore.isExcluded("src/sub/x.tmp"));
    assertTrue(ignore.isExcluded("other"));
  }

  @Test
  void cleanPath_likeGo() {
    assertEquals(".", DockerIgnore.cleanPath(""));
    assertEquals(".", DockerIgnore.cleanPath("./"));
    assertEquals("foo", DockerIgnore.cleanPath("./foo/"));
    assertEquals("bar", DockerIgnore.cleanPath("foo/../bar"));
    assertEquals("../bar", DockerIgnore.cleanPath("../bar"));
    assertEquals("/bar", DockerIgnore.cleanPath("/../bar"));
    assertEquals("a/b", DockerIgnore.cleanPath("a//b/./"));
    assertEquals("/", DockerIgnore.cleanPath("/"));
  }
}
