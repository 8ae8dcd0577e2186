package tcplab.ladder;

import java.util.List;

/**
 * How much room a label's text takes: monospace columns (about 0.6 em each, 6.7 px at 11 px;
 * two for East Asian wide characters), and where a long label splits onto two lines.
 */
final class TextMetrics {

    static final double CHAR_WIDTH = 6.7;
    static final double LINE = 12;
    static final double ASCENT = 9;
    static final double DESCENT = 3;
    /** A pixel to spare around each box so that labels do not even touch. */
    static final double PAD = 1;

    private TextMetrics() {}

    /** Monospace columns: two for East Asian wide characters (a learner's data may hold some). */
    static int columns(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            n += wide(cp) ? 2 : 1;
        }
        return n;
    }

    static boolean wide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60) || cp >= 0x1F300;
    }

    /** The label on two lines, split between two fields where the lines come out most even; null if it has one field. */
    static List<String> twoLines(String text) {
        int best = -1;
        int bestWidth = Integer.MAX_VALUE;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i - 1) != '>' || text.charAt(i) != '<') continue;
            int width = Math.max(columns(text.substring(0, i)), columns(text.substring(i)));
            if (width < bestWidth) {
                best = i;
                bestWidth = width;
            }
        }
        return best < 0 ? null : List.of(text.substring(0, best), text.substring(best));
    }
}
