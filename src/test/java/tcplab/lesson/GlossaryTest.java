package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.Resources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One word for one idea (docs/terms.md): lessons use the glossary's word, never a variant it
 * lists, and the SYN queue (半连接队列) and half-open connections (半打开连接) keep apart.
 */
class GlossaryTest {

    private static final Path TERMS = Path.of("docs", "terms.md");
    private static final Pattern TEXT_BLOCK = Pattern.compile("(?s)```text\\n.*?\\n```");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!:;])\\s+|(?<=[。？！：；])|\\n\\s*\\n|\\n(?=[-+|] )");

    private record Term(String en, String zh, List<String> notEn, List<String> notZh) {}

    @Test
    void lessonsUseTheGlossarysWordsAndNoneOfTheVariantsItRules() throws IOException {
        List<Term> terms = terms();
        assertTrue(terms.size() >= 25, "the glossary is read (" + terms.size() + " terms)");
        List<String> wrong = new ArrayList<>();
        for (String lang : Course.LANGUAGES) {
            for (String slug : slugs(lang)) {
                String text = prose(lang, slug);
                for (Term term : terms) {
                    for (String variant : lang.equals("zh") ? term.notZh() : term.notEn()) {
                        boolean found = lang.equals("zh") ? text.contains(variant)
                                : text.toLowerCase(Locale.ROOT).contains(variant.toLowerCase(Locale.ROOT));
                        if (found) wrong.add(lang + "/" + slug + ": \"" + variant + "\" (say \"" + (lang.equals("zh") ? term.zh() : term.en()) + "\")");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "words the glossary rules out");
    }

    @Test
    void theSynQueueAndHalfOpenConnectionsKeepApart() throws IOException {
        List<String> mixed = new ArrayList<>();
        for (String lang : Course.LANGUAGES) {
            for (String slug : slugs(lang)) {
                for (String sentence : SENTENCE_END.split(prose(lang, slug))) {
                    String s = sentence.toLowerCase(Locale.ROOT);
                    boolean halfOpen = s.contains("half-open") || s.contains("半打开");
                    boolean synQueue = s.contains("queue") || s.contains("队列") || s.contains("syn-recv") || s.contains("syn-ack");
                    if (halfOpen && synQueue) mixed.add(lang + "/" + slug + ": " + sentence.strip());
                    if (s.replace("半连接队列", "").contains("半连接")) mixed.add(lang + "/" + slug + ": 半连接 outside 半连接队列: " + sentence.strip());
                }
            }
        }
        assertEquals(List.of(), mixed, "sentences that call the SYN queue half-open, or the other way round");
    }

    /** The check itself: it finds a variant and a mixed sentence. */
    @Test
    void theChecksCatchWhatTheyAreFor() throws IOException {
        Term reset = terms().stream().filter(t -> t.zh().startsWith("复位")).findFirst().orElseThrow();
        assertTrue(reset.notZh().contains("重置"));
        String mixed = "服务器把半打开的请求放在队列里。";
        assertFalse(Arrays.stream(SENTENCE_END.split(mixed)).noneMatch(s -> s.contains("半打开") && s.contains("队列")));
    }

    private static List<Term> terms() throws IOException {
        List<Term> terms = new ArrayList<>();
        for (String line : Files.readAllLines(TERMS, StandardCharsets.UTF_8)) {
            if (!line.startsWith("| ") || line.startsWith("| English")) continue;
            String[] cells = line.split("\\|", -1);
            terms.add(new Term(cells[1].strip(), cells[2].strip(), list(cells[3]), list(cells[4])));
        }
        return terms;
    }

    private static List<String> list(String cell) {
        return Arrays.stream(cell.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> slugs(String lang) {
        return Course.load(new Resources.Classpath()).lessons(lang).stream().map(Lesson::slug).toList();
    }

    /** A lesson's Markdown without its {@code text} blocks (tool output and figures, quoted as they are). */
    private static String prose(String lang, String slug) throws IOException {
        try (InputStream in = GlossaryTest.class.getResourceAsStream("/content/" + lang + "/" + slug + ".md")) {
            assertNotNull(in, lang + "/" + slug);
            return TEXT_BLOCK.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).replaceAll("");
        }
    }
}
