package tcplab;

import tcplab.lesson.ContentFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Read-only access to the site's own files ({@code templates/}, {@code static/}, {@code content/}),
 * either from the working tree (development) or from the classpath (packaged). Names are
 * always relative paths we built ourselves from an index; nothing here takes a request path.
 */
public interface Resources extends ContentFiles {

    static Resources of(Config config) {
        return config.dev() ? new Disk(config.root()) : new Classpath();
    }

    record Disk(Path root) implements Resources {
        @Override public Optional<byte[]> read(String name) {
            Path file = root.resolve(name).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) return Optional.empty();
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public List<String> list(String dir) {
            Path folder = root.resolve(dir).normalize();
            if (!folder.startsWith(root) || !Files.isDirectory(folder)) return List.of();
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public boolean live() {
            return true;
        }
    }

    final class Classpath implements Resources {
        private final ClassLoader loader = Resources.class.getClassLoader();

        @Override public Optional<byte[]> read(String name) {
            try (InputStream in = loader.getResourceAsStream(name)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public List<String> list(String dir) {
            URL url = loader.getResource(dir);
            if (url == null) return List.of();
            try {
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
                    }
                }
                var connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                String prefix = connection.getEntryName().endsWith("/") ? connection.getEntryName() : connection.getEntryName() + "/";
                List<String> names = new ArrayList<>();
                try (var jar = connection.getJarFile()) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(prefix) && n.length() > prefix.length() && n.indexOf('/', prefix.length()) < 0)
                            .forEach(n -> names.add(n.substring(prefix.length())));
                }
                names.sort(null);
                return names;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public boolean live() {
            return false;
        }
    }
}
