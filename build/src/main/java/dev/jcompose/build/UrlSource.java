package dev.jcompose.build;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** ADD's remote source: the file at an http(s) URL, downloaded with mode 600 (Docker's), named after the URL's last path segment. */
final class UrlSource {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(30)).build();

  private UrlSource() {}

  static Path download(String url, Path dir) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new BuildException("ADD " + url + ": not a valid URL");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty()) {
      name = "download";
    }
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name);
      HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
          HttpResponse.BodyHandlers.ofFile(file));
      if (r.statusCode() / 100 != 2) {
        throw new BuildException("ADD " + url + ": the server answered HTTP " + r.statusCode());
      }
      Files.setAttribute(file, "unix:mode", 0600);
      return file;
    } catch (IOException e) {
      throw new BuildException("ADD " + url + ": the download failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("ADD " + url + ": interrupted");
    }
  }
}
