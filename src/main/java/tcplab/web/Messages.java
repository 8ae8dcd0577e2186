package tcplab.web;

import tcplab.Resources;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
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
public final class Messages implements tcplab.web.lab.Words {

    private final Resources resources;
    private final Map<String, Properties> cache = new ConcurrentHashMap<>();
    /** Chinese patterns, by their text, and where their placeholders touch Han text. */
    private final Map<String, Optional<Seams>> seams = new ConcurrentHashMap<>();

    public Messages(Resources resources) {
        this.resources = resources;
    }

    @Override public String get(String lang, String key, Object... args) {
        String pattern = bundle(lang).getProperty(key);
        if (pattern == null) return "??" + key + "_" + lang + "??";
        if (args.length == 0) return pattern;
        // Arguments are shown as written: sequence numbers must not get thousands separators.
        Object[] strings = new Object[args.length];
        for (int i = 0; i < args.length; i++) strings[i] = String.valueOf(args[i]);
        if (lang.equals("zh")) {
            Optional<Seams> where = seams.computeIfAbsent(pattern, Seams::of);
            if (where.isPresent()) strings = where.get().space(strings);
        }
        return new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(strings);
    }

    /**
     * Where a Chinese pattern's placeholders touch Han text: for argument i, whether a Han
     * character comes right before its placeholder and right after it. Empty for a pattern
     * whose placeholders touch none, or that quotes or repeats one (formatted as written).
     */
    record Seams(boolean[] hanBefore, boolean[] hanAfter) {
        private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

        static Optional<Seams> of(String pattern) {
            if (pattern.indexOf('\'') >= 0) return Optional.empty();
            boolean[] before = new boolean[10];
            boolean[] after = new boolean[10];
            boolean[] seen = new boolean[10];
            boolean any = false;
            Matcher m = PLACEHOLDER.matcher(pattern);
            while (m.find()) {
                int i = Integer.parseInt(m.group(1));
                if (i >= seen.length || seen[i]) return Optional.empty();
                seen[i] = true;
                before[i] = m.start() > 0 && isHan(pattern.charAt(m.start() - 1));
                after[i] = m.end() < pattern.length() && isHan(pattern.charAt(m.end()));
                any |= before[i] || after[i];
            }
            return any ? Optional.of(new Seams(before, after)) : Optional.empty();
        }

        /** The arguments, each with a space on a side where Han text meets its Latin letter or digit. */
        Object[] space(Object[] args) {
            Object[] spaced = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                String a = String.valueOf(args[i]);
                if (i < hanBefore.length && hanBefore[i] && !a.isEmpty() && isLatinOrDigit(a.charAt(0))) a = " " + a;
                if (i < hanAfter.length && hanAfter[i] && !a.isEmpty() && isLatinOrDigit(a.charAt(a.length() - 1))) a = a + " ";
                spaced[i] = a;
            }
            return spaced;
        }
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean isLatinOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    @Override public boolean has(String lang, String key) {
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
