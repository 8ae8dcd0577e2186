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
 */
public final class Course {

    public static final List<String> LANGUAGES = List.of("zh", "en");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Map<String, List<Lesson>> byLanguage;

    private Course(Map<String, List<Lesson>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    public static Course load(ContentFiles resources) {
        LessonParser parser = new LessonParser();
        Map<String, List<Lesson>> byLanguage = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            List<Lesson> lessons = new ArrayList<>();
            for (String name : resources.list("content/" + lang)) {
                if (!name.endsWith(".md")) continue;
                String slug = name.substring(0, name.length() - 3);
                if (!SLUG.matcher(slug).matches()) continue;
                String markdown = new String(resources.read("content/" + lang + "/" + name).orElseThrow(), StandardCharsets.UTF_8);
                lessons.add(parser.parse(lang, slug, markdown));
            }
            lessons.sort(Comparator.comparingInt(Lesson::order).thenComparing(Lesson::slug));
            byLanguage.put(lang, List.copyOf(lessons));
        }
        return new Course(byLanguage);
    }

    /** The course, reloaded on every call when the resources are live (development). */
    public static Supplier<Course> supplier(ContentFiles resources) {
        if (resources.live()) return () -> load(resources);
        // Parsed on first use (the server's warm-up asks right after start), not while the
        // server starts: on two cores that would only slow the start down.
        return new Supplier<>() {
            private volatile Course course;

            @Override public Course get() {
                Course loaded = course;
                if (loaded == null) {
                    synchronized (this) {
                        if (course == null) course = load(resources);
                        loaded = course;
                    }
                }
                return loaded;
            }
        };
    }

    public static boolean isLanguage(String lang) {
        return LANGUAGES.contains(lang);
    }

    public List<Lesson> lessons(String lang) {
        return byLanguage.getOrDefault(lang, List.of());
    }

    public Optional<Lesson> lesson(String lang, String slug) {
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
