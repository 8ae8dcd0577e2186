package tcplab.drill;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every word a drill shows comes from the bundles, in both languages, with the placeholders its arguments fill. */
class DrillTextTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    static Properties bundle(String lang) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("templates/i18n/messages_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void everyTextOfEveryKindIsInBothLanguages() throws IOException {
        Properties en = bundle("en");
        Properties zh = bundle("zh");
        Set<String> problems = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        for (Deck deck : Deck.values()) {
            for (Kind kind : deck.kinds()) {
                for (long seed = 0; seed < 150; seed++) {
                    Drill d = Drills.generate(new DrillId(deck, kind, seed));
                    List<Text> texts = new ArrayList<>(List.of(d.question(), d.explanation()));
                    for (Option o : d.options()) {
                        texts.add(o.label());
                        if (o.misconception() != null) texts.add(o.misconception());
                    }
                    for (Text t : texts) check(t, en, zh, problems, keys);
                }
            }
        }
        assertEquals(Set.of(), problems);
        // every drill.* key the bundles hold is named by the generator (some only in rare moments)
        String source = Files.readString(Path.of("src/main/java/tcplab/drill/Drills.java"))
                + Files.readString(Path.of("src/main/java/tcplab/drill/HostDrills.java"));
        Set<String> unused = new TreeSet<>();
        for (String k : en.stringPropertyNames()) {
            if (!k.startsWith("drill.") || keys.contains(k)) continue;
            String prefix = k.substring(0, k.lastIndexOf('.') + 1);
            if (!source.contains("\"" + k + "\"") && !source.contains("\"" + prefix + "\"")) unused.add(k);
        }
        assertEquals(Set.of(), unused);
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()), "both languages have the same keys");
    }

    static void check(Text t, Properties en, Properties zh, Set<String> problems, Set<String> keys) {
        keys.add(t.key());
        for (Properties p : List.of(en, zh)) {
            String pattern = p.getProperty(t.key());
            if (pattern == null) {
                problems.add((p == en ? "en" : "zh") + " lacks " + t.key());
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(pattern);
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) >= t.args().size()) problems.add(t.key() + " has {" + m.group(1) + "} but " + t.args().size() + " arguments");
            }
        }
        for (Object a : t.args()) {
            if (a instanceof Text inner) check(inner, en, zh, problems, keys);
        }
    }

    @Test
    void everyDeckBelongsToALessonInBothLanguages() {
        for (Deck deck : Deck.values()) {
            for (String lang : List.of("zh", "en")) {
                assertEquals(true, Files.isRegularFile(Path.of("content", lang, deck.lesson() + ".md")), deck.key() + " → " + deck.lesson());
            }
        }
    }
}
