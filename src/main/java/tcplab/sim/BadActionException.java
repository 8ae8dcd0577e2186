package tcplab.sim;

/** A word that cannot be applied: unknown, a bad or absent segment number, nothing to do. */
public final class BadActionException extends Exception {

    /** What is wrong with the word. */
    public enum Problem {
        UNKNOWN_WORD("is not an action"),
        BAD_SIDE("names no side (client or server)"),
        BAD_SEGMENT_NUMBER("has no valid segment number"),
        NO_SUCH_SEGMENT("names a segment that was never sent"),
        NOT_IN_FLIGHT("names a segment that is no longer in flight"),
        NOTHING_PENDING("has nothing to process: no segment in flight, timer or scripted call"),
        NOTHING_IN_FLIGHT("has no segment in flight to drop"),
        BAD_TEXT("has no text, or text that is not percent-encoded UTF-8"),
        TOO_LONG("sends more than 64 bytes"),
        BAD_HOST("names no host of a host lab (server, client, c2 … c9)"),
        NO_SUCH_CONNECTION("names a connection that does not exist"),
        BAD_NUMBER("has a number out of range"),
        HOST_DOWN("names a host that is down (crashed and not rebooted)"),
        NOT_ACCEPTED("names a server connection its application has not accepted yet");

        private final String english;

        Problem(String english) {
            this.english = english;
        }

        public String english() {
            return english;
        }
    }

    private final int position;
    private final String word;
    private final Problem problem;

    public BadActionException(int position, String word, Problem problem) {
        super(message(position, word, problem));
        this.position = position;
        this.word = word;
        this.problem = problem;
    }

    private static String message(int position, String word, Problem problem) {
        return "action " + (position > 0 ? position + " " : "") + "\"" + word + "\" " + problem.english();
    }

    /** 1-based index in the action list; 0 when unknown. */
    public int position() {
        return position;
    }

    public String word() {
        return word;
    }

    public Problem problem() {
        return problem;
    }

    BadActionException at(int position) {
        return new BadActionException(position, word, problem);
    }
}
