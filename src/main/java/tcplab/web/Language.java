package tcplab.web;

import tcplab.lesson.Course;

import java.util.Comparator;
import java.util.Locale;

/** Picks zh or en from an Accept-Language header, honouring q-values; English otherwise. */
final class Language {
    private Language() {}

    static String preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) return "en";
        try {
            return Locale.LanguageRange.parse(acceptLanguage).stream()
                    .sorted(Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed())
                    .map(range -> range.getRange().split("-")[0].toLowerCase(Locale.ROOT))
                    .filter(Course::isLanguage)
                    .findFirst().orElse("en");
        } catch (IllegalArgumentException e) {
            return "en";
        }
    }

    /** The language of the request's path when it names one, else the browser's. */
    static String of(io.javalin.http.Context ctx) {
        String path = ctx.path();
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path.substring(Math.min(1, path.length())) : path.substring(1, end);
        return Course.isLanguage(first) ? first : preferred(ctx.header("Accept-Language"));
    }

    static String other(String lang) {
        return lang.equals("zh") ? "en" : "zh";
    }
}
