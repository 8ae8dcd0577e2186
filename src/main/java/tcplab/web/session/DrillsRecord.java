package tcplab.web.session;

/**
 * What a session keeps of a learner's drills: the drill book as its text (written and read by
 * the drill package) and a version that grows by one with every change, as a lab's does.
 * At most {@link #MAX_CHARS} characters, so a session stays small in memory and in Redis.
 */
public record DrillsRecord(String text, long version) {

    public static final int MAX_CHARS = 8_192;

    public DrillsRecord {
        if (text == null || text.length() > MAX_CHARS) throw new IllegalArgumentException("a drill book of at most " + MAX_CHARS + " characters");
        if (text.indexOf('\n') >= 0) throw new IllegalArgumentException("a drill book is one line");
        if (version < 0) throw new IllegalArgumentException("negative version");
    }
}
