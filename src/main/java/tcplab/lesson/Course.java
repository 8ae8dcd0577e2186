package tcplab.lesson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * All lessons of the course in both languages, in order. Loaded once from {@code content/},
 * or on every call in development so an edited lesson shows on the next reload. Lessons are
 * found by looking a slug up in this index, never by building a file path from a request.
 * A lesson file that cannot be used stops the packaged site from starting; in development it
 * is set aside with what is wrong, and every other lesson is still served.
 */
public final class Course {

    public static final List<String> LANGUAGES = List.of("zh", "en");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Map<String, List<Lesson>> byLanguage;
    /** The lessons that failed to load, by file ({@code en/three-way-handshake.md}). */
    private final Map<String, LessonFormatException> broken;

    private Course(Map<String, List<Lesson>> byLanguage, Map<String, LessonFormatException> broken) {
        this.byLanguage = byLanguage;
        this.broken = broken;
    }

    /** Every lesson in {@code content}; a broken lesson file stops loading with what is wrong. */
    public static Course load(ContentFiles content) {
        Course course = read(content);
        if (!course.broken.isEmpty()) throw course.broken.values().iterator().next();
        return course;
    }

    /** Every lesson that loads; the broken ones are kept aside, each with what is wrong. */
    public static Course read(ContentFiles content) {
        LessonParser parser = new LessonParser();
        Map<String, List<Lesson>> byLanguage = new LinkedHashMap<>();
        Map<String, LessonFormatException> broken = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            List<Lesson> lessons = new ArrayList<>();
            for (String name : content.list("content/" + lang)) {
                if (!name.endsWith(".md")) continue;
                String slug = name.substring(0, name.length() - 3);
                if (!SLUG.matcher(slug).matches()) continue;
                String markdown = new String(content.read("content/" + lang + "/" + name).orElseThrow(), StandardCharsets.UTF_8);
                try {
                    lessons.add(parser.parse(lang, slug, markdown));
                } catch (LessonFormatException e) {
                    broken.put(lang + "/" + name, e);
                }
            }
            lessons.sort(Comparator.comparingInt(Lesson::order).thenComparing(Lesson::slug));
            byLanguage.put(lang, List.copyOf(lessons));
        }
        return new Course(byLanguage, broken);
    }

    /**
     * The course, read again on every call when the content is live (development), where a
     * broken lesson is kept aside. Otherwise loaded once, now, so that a broken lesson stops
     * the site from starting rather than failing for the first learner.
     */
    public static Supplier<Course> supplier(ContentFiles content) {
        if (content.live()) return () -> read(content);
        Course loaded = load(content);
        return () -> loaded;
    }

    /** What is wrong with each lesson file that could not be loaded (empty unless in development). */
    public List<LessonFormatException> problems() {
        return List.copyOf(broken.values());
    }

    public static boolean isLanguage(String lang) {
        return LANGUAGES.contains(lang);
    }

    public List<Lesson> lessons(String lang) {
        return byLanguage.getOrDefault(lang, List.of());
    }

    /**
     * The lesson, if there is one.
     *
     * @throws LessonFormatException when its file is there but broken (only in development:
     *         elsewhere a broken lesson stops the start)
     */
    public Optional<Lesson> lesson(String lang, String slug) {
        LessonFormatException problem = broken.get(lang + "/" + slug + ".md");
        if (problem != null) throw problem;
        return lessons(lang).stream().filter(l -> l.slug().equals(slug)).findFirst();
    }

    public Optional<Lesson> previous(Lesson lesson) {
        List<Lesson> all = lessons(lesson.lang());
        int i = all.indexOf(lesson);
        return i > 0 ? Optional.of(all.get(i - 1)) : Optional.empty();
    }

    public Optional<Lesson> next(Lesson lesson) {
        List<Lesson> all = lessons(lesson.lang());
        int i = all.indexOf(lesson);
        return i >= 0 && i + 1 < all.size() ? Optional.of(all.get(i + 1)) : Optional.empty();
    }
}
