package tcplab.web;

import tcplab.Resources;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.AttributedCharacterIterator;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The site's own words in both languages, from {@code templates/i18n/messages_{lang}.properties}
 * (UTF-8). Reloaded on every call in development.
 *
 * <p>Chinese text puts a half-width space between Han characters and Latin letters or digits
 * ("因为 SYN-ACK 确认了…", "报文段 #1"), as the lessons and TERMS.md do. A pattern can only
 * write that space where it knows its neighbour, so where a placeholder touches a Han
 * character the space is added when the argument's own edge is a Latin letter or digit, and
 * left out when it is Han ("因为关闭：…").
 */
public final class Messages {

    /** A placeholder written right next to a Han character, before or after it. */
    private static final Pattern HAN_NEXT_TO_PLACEHOLDER = Pattern.compile("\\p{IsHan}\\{|\\}\\p{IsHan}");

    private final Resources resources;
    private final Map<String, Properties> cache = new ConcurrentHashMap<>();

    public Messages(Resources resources) {
        this.resources = resources;
    }

    public String get(String lang, String key, Object... args) {
        String pattern = bundle(lang).getProperty(key);
        if (pattern == null) return "??" + key + "_" + lang + "??";
        if (args.length == 0) return pattern;
        // Arguments are shown as written: sequence numbers must not get thousands separators.
        Object[] strings = new Object[args.length];
        for (int i = 0; i < args.length; i++) strings[i] = String.valueOf(args[i]);
        MessageFormat format = new MessageFormat(pattern, Locale.forLanguageTag(lang));
        if (lang.equals("zh") && HAN_NEXT_TO_PLACEHOLDER.matcher(pattern).find()) return spacedAtSeams(format, strings);
        return format.format(strings);
    }

    /**
     * Formats, then puts a space at each seam between an argument and its neighbour (text or
     * another argument) where one side is a Han character and the other a Latin letter or digit.
     * Text inside an argument and the pattern's own text are left as they are.
     */
    static String spacedAtSeams(MessageFormat format, Object[] args) {
        AttributedCharacterIterator it = format.formatToCharacterIterator(args);
        StringBuilder out = new StringBuilder(it.getEndIndex() + 8);
        Object previousRun = null;
        char previous = 0;
        for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
            Object run = it.getAttribute(MessageFormat.Field.ARGUMENT);
            boolean seam = out.length() > 0 && !java.util.Objects.equals(run, previousRun);
            if (seam && ((isHan(previous) && isLatinOrDigit(c)) || (isLatinOrDigit(previous) && isHan(c)))) out.append(' ');
            out.append(c);
            previous = c;
            previousRun = run;
        }
        return out.toString();
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean isLatinOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public boolean has(String lang, String key) {
        return bundle(lang).containsKey(key);
    }

    public Properties bundle(String lang) {
        if (resources.live()) return load(lang);
        return cache.computeIfAbsent(lang, this::load);
    }

    private Properties load(String lang) {
        Properties properties = new Properties();
        // The site's words, then the simulator's reasons (why_*.properties, keyed by Why's names).
        for (String file : new String[] {"messages_", "why_"}) {
            resources.read("templates/i18n/" + file + lang + ".properties").ifPresent(bytes -> {
                try {
                    properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return properties;
    }
}
