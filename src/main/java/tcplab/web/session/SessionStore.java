package tcplab.web.session;

import java.util.List;
import java.util.Optional;

/**
 * Where learners' labs and progress live. Every lab change is a compare-and-set on the lab's
 * version, so two tabs, a double click or two servers can never interleave two actions.
 */
public interface SessionStore extends AutoCloseable {

    /** A new, empty session; its id goes into the learner's cookie. */
    String create();

    /** True if the session exists (and is kept alive by this call). */
    boolean exists(String sessionId);

    Optional<LabRecord> lab(String sessionId, String labKey);

    /**
     * Stores {@code next} if the lab's stored version is {@code expectedVersion} (0 when the
     * session has no record of the lab yet). False when the version moved on or the session is gone.
     */
    default boolean replaceLab(String sessionId, String labKey, long expectedVersion, LabRecord next) {
        return replaceLab(sessionId, labKey, expectedVersion, next, false);
    }

    /**
     * As above; with {@code ended}, the same write also marks the lab played to its end (see
     * {@link Progress#endedLabs}), so a lab is never stored finished without its mark or marked
     * without being stored.
     */
    boolean replaceLab(String sessionId, String labKey, long expectedVersion, LabRecord next, boolean ended);

    Progress progress(String sessionId);

    /** The learner's drills, if they answered any. */
    Optional<DrillsRecord> drills(String sessionId);

    /**
     * Stores {@code next} if the stored drills' version is {@code expectedVersion} (0 when there
     * are none yet) and {@code next}'s is higher: a compare-and-set like {@link #replaceLab}.
     */
    boolean replaceDrills(String sessionId, long expectedVersion, DrillsRecord next);

    void answerPrediction(String sessionId, String key, int choice);

    void answerQuiz(String sessionId, String key, List<Integer> answers);

    /** A short word for /healthz, e.g. "memory" or "redis ok". Throws when the store cannot be used. */
    String health();

    /**
     * The most a session may hold, in bytes of its stored text (each lab's key and actions, its
     * progress, its drills): with {@code Labs.MAX_ACTIONS} of short words a lab is about 2 KB, so
     * this leaves room for every lab of the course played long, and bounds what one flooding
     * request can leave behind.
     */
    int MAX_SESSION_BYTES = 64 * 1024;

    /** A change that would take a session past {@link #MAX_SESSION_BYTES}; nothing was stored. */
    final class Full extends RuntimeException {
        public Full() {
            super("session full", null, false, false);
        }
    }

    /** Thrown when the store cannot be reached; learners see a temporary-error message. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override default void close() {}
}
