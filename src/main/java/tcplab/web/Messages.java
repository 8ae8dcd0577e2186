package tcplab.web;

import tcplab.Resources;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's own words in both languages, from {@code templates/i18n/messages_{lang}.properties}
 * (UTF-8). Reloaded on every call in development.
 */
public final class Messages {

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
        return new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(strings);
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
