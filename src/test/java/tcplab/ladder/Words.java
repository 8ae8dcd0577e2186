package tcplab.ladder;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The ladder's words as the site's messages give them, for tests. */
public final class Words {

    private Words() {}

    /** The words of {@code templates/i18n/messages_{lang}.properties}. */
    public static LadderWords of(String lang) {
        Properties messages = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("templates/i18n/messages_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            messages.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LadderWords.from(key -> {
            String value = messages.getProperty(key);
            if (value == null) throw new IllegalArgumentException("no message " + key + " in " + lang);
            return value;
        });
    }

    public static LadderWords english() {
        return of("en");
    }
}
