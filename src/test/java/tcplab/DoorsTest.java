package tcplab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doors open one way: each package names only the packages below it (imports and fully
 * qualified names alike). {@code sim} names nothing of ours but its {@code sim.host} (host labs'
 * values), {@code lesson}, {@code export} and {@code ladder} only {@code sim}; the web layer's
 * sub-packages only what lies under them.
 */
class DoorsTest {

    private static final Path MAIN = Path.of("src/main/java");

    /** What each package may name besides itself; {@code tcplab} is the root (App, Config, Resources). */
    private static final Map<String, Set<String>> BELOW = Map.ofEntries(
            Map.entry("tcplab.sim", Set.of("tcplab.sim.host")),
            Map.entry("tcplab.sim.host", Set.of()),
            Map.entry("tcplab.lesson", Set.of("tcplab.sim", "tcplab.sim.host")),
            Map.entry("tcplab.export", Set.of("tcplab.sim", "tcplab.sim.host")),
            Map.entry("tcplab.ladder", Set.of("tcplab.sim", "tcplab.sim.host")),
            Map.entry("tcplab.drill", Set.of("tcplab.sim", "tcplab.sim.host", "tcplab.lesson")),
            Map.entry("tcplab.cli", Set.of("tcplab.sim", "tcplab.sim.host", "tcplab.export", "tcplab.ladder")),
            Map.entry("tcplab.web.session", Set.of("tcplab.sim", "tcplab.sim.host")),
            Map.entry("tcplab.web.lab", Set.of("tcplab.sim", "tcplab.sim.host", "tcplab.lesson", "tcplab.export", "tcplab.web.session")),
            Map.entry("tcplab.web", Set.of("tcplab.sim", "tcplab.sim.host", "tcplab.lesson", "tcplab.export", "tcplab.ladder", "tcplab.drill",
                    "tcplab.web.lab", "tcplab.web.session", "tcplab.Config", "tcplab.Resources")));

    /** A reference to one of our types: {@code tcplab.some.pkg.Type}. */
    private static final Pattern REFERENCE = Pattern.compile("\\btcplab((?:\\.[a-z][a-z0-9]*)*)\\.([A-Z]\\w*)");

    @Test
    void everyPackageNamesOnlyWhatIsBelowIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve("tcplab"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
                Set<String> allowed = BELOW.get(pkg);
                if (allowed == null) continue; // the root wires everything
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String target = "tcplab" + m.group(1);
                    if (target.equals(pkg)) continue;
                    if (allowed.contains(target) || allowed.contains(target + "." + m.group(2))) continue;
                    wrong.add(MAIN.relativize(file) + " names " + m.group());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theRootsConfigurationNamesNoneOfTheLayersAboveIt() throws IOException {
        for (String name : List.of("Config.java", "Resources.java")) {
            String text = Files.readString(MAIN.resolve("tcplab").resolve(name));
            assertTrue(!text.contains("App.") && !text.contains("tcplab.web") && !text.contains("tcplab.cli"), name);
        }
    }
}
