package tcplab.lesson;

import org.junit.jupiter.api.Test;
import tcplab.Resources;
import tcplab.sim.State;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Text and controls agree: a button a lesson tells the learner to press is named exactly as
 * the lab labels it in that language, and never by where it sits on the page ("under Client"),
 * which a layout may change.
 */
class LessonControlsTest {

    private static final Pattern BOLD = Pattern.compile("<strong>(.*?)</strong>");
    /** A bold word is a control when the words just before it ask the learner to act. */
    private static final Pattern ASKS_TO_ACT = Pattern.compile("(?is).*(press|click|with|点击|\\().{0,24}$");
    private static final Pattern POSITION = Pattern.compile("(?i)under (the )?(client|server)|(客户端|服务器)(或服务器)?下的|在(客户端|服务器)下");

    @Test
    void everyButtonALessonNamesIsALabControlOfItsLanguage() throws IOException {
        Course course = Course.load(new Resources.Classpath());
        List<String> unknown = new ArrayList<>();
        int named = 0;
        for (String lang : Course.LANGUAGES) {
            List<Pattern> labels = controlLabels(lang);
            for (Lesson lesson : course.lessons(lang)) {
                for (Lesson.Part part : lesson.parts()) {
                    if (!(part instanceof Lesson.Html html)) continue;
                    String text = html.html().replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
                    Matcher m = BOLD.matcher(text);
                    while (m.find()) {
                        String word = m.group(1);
                        String raw = text.substring(Math.max(0, m.start() - 40), m.start());
                        // a bold lead at the start of a paragraph or list item is a heading, not a button
                        boolean lead = raw.endsWith("<li>") || raw.endsWith("<p>") || raw.endsWith("\n");
                        if (lead || State.byLabel(word).isPresent() || !ASKS_TO_ACT.matcher(raw.replaceAll("<[^>]+>", "")).matches()) continue;
                        named++;
                        if (labels.stream().noneMatch(l -> l.matcher(word).matches())) {
                            unknown.add(lang + "/" + lesson.slug() + ": **" + word + "**");
                        }
                    }
                    Matcher p = POSITION.matcher(text);
                    while (p.find()) unknown.add(lang + "/" + lesson.slug() + ": a control named by its place, \"" + p.group() + "\"");
                }
            }
        }
        assertFalse(named < 20, "the check finds the buttons lessons name (" + named + ")");
        assertEquals(List.of(), unknown, "buttons a lesson names that the lab does not show under that name");
    }

    /** The labels of the lab's controls in one language: lab.do.*, the prediction's button, "Drop #N". */
    private static List<Pattern> controlLabels(String lang) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = LessonControlsTest.class.getResourceAsStream("/templates/i18n/messages_" + lang + ".properties")) {
            assertNotNull(in, "messages_" + lang);
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<Pattern> labels = new ArrayList<>();
        for (String key : messages.stringPropertyNames()) {
            if (key.startsWith("lab.do.") || key.equals("lab.checkAndPlay") || key.equals("lab.dropN")) {
                String label = messages.getProperty(key);
                labels.add(Pattern.compile(Pattern.quote(label).replace("{0}", "\\E\\d+\\Q")));
            }
        }
        return labels;
    }
}
