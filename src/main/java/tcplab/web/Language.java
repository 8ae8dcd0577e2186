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

    static String other(String lang) {
        return lang.equals("zh") ? "en" : "zh";
    }
}
