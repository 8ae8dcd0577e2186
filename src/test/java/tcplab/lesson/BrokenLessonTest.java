package tcplab.lesson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.Resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A broken lesson in a content folder: the packaged site refuses to start with the file, block,
 * line and problem; in development the course is served without it, and asking for it says why.
 */
class BrokenLessonTest {

    @TempDir
    Path root;

    @Test
    void outsideDevelopmentABrokenLessonStopsTheStartWithWhereAndWhat() throws IOException {
        int line = writeCourseWithATypo("profile: rfcc");
        var e = assertThrows(LessonFormatException.class, () -> Course.supplier(packaged(root)));
        assertEquals("en/broken.md, lab block 1, line " + line + ": unknown profile 'rfcc': one of [linux, rfc]", e.getMessage());
    }

    @Test
    void inDevelopmentEveryOtherLessonIsServedAndTheBrokenOneSaysWhy() throws IOException {
        int line = writeCourseWithATypo("actions: conect");
        Course course = Course.supplier(new Resources.Disk(root)).get();
        assertEquals(List.of("three-way-handshake"), course.lessons("en").stream().map(Lesson::slug).toList());
        assertTrue(course.lesson("en", "three-way-handshake").isPresent());
        var e = assertThrows(LessonFormatException.class, () -> course.lesson("en", "broken"));
        assertEquals(List.of("en/broken.md", "lab block 1", line), List.of(e.file(), e.block(), e.line()));
        assertTrue(e.problem().contains("\"conect\" is not an action"), e.problem());
        assertEquals(List.of(e), course.problems());
        assertEquals(Optional.empty(), course.lesson("en", "missing"), "a lesson that is not there is still just not there");
    }

    @Test
    void aFixedLessonShowsOnTheNextReloadInDevelopment() throws IOException {
        writeCourseWithATypo("scenario: handshak");
        var supplier = Course.supplier(new Resources.Disk(root));
        assertThrows(LessonFormatException.class, () -> supplier.get().lesson("en", "broken"));
        Path broken = root.resolve("content/en/broken.md");
        Files.writeString(broken, Files.readString(broken).replace("scenario: handshak\n", "scenario: handshake\n"));
        assertTrue(supplier.get().lesson("en", "broken").isPresent());
    }

    /**
     * A course of the real first lesson and a copy of it with {@code typo} on its first lab's
     * line of the same key; returns that line's number, counted from 1.
     */
    private int writeCourseWithATypo(String typo) throws IOException {
        return writeCourse(root, typo);
    }

    static int writeCourse(Path root, String typo) throws IOException {
        String lesson = new String(new Resources.Classpath().read("content/en/three-way-handshake.md").orElseThrow(), StandardCharsets.UTF_8);
        String key = typo.substring(0, typo.indexOf(':') + 1);
        List<String> lines = new java.util.ArrayList<>(lesson.lines().toList());
        int lab = lines.indexOf("```lab");
        int at = lab + 1;
        while (!lines.get(at).startsWith(key) && !lines.get(at).equals("```")) at++;
        if (lines.get(at).equals("```")) lines.add(at, typo);
        else lines.set(at, typo);
        Path en = Files.createDirectories(root.resolve("content/en"));
        Files.createDirectories(root.resolve("content/zh"));
        Files.writeString(en.resolve("three-way-handshake.md"), lesson);
        Files.writeString(en.resolve("broken.md"), String.join("\n", lines) + "\n");
        return at + 1;
    }

    /** The content folder as a packaged site reads it: once. */
    static ContentFiles packaged(Path root) {
        Resources.Disk disk = new Resources.Disk(root);
        return new ContentFiles() {
            @Override public Optional<byte[]> read(String name) {
                return disk.read(name);
            }

            @Override public List<String> list(String dir) {
                return disk.list(dir);
            }

            @Override public boolean live() {
                return false;
            }
        };
    }
}
