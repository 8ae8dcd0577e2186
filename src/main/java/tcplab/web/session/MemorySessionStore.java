package tcplab.web.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The default store: sessions in this process's memory, bounded in number and expired when
 * idle (Caffeine). Each session is small: a few maps created only when first needed.
 */
public final class MemorySessionStore implements SessionStore {

    public static final int DEFAULT_MAX_SESSIONS = 200_000;
    public static final Duration DEFAULT_IDLE = Duration.ofHours(12);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, Session> sessions;

    public MemorySessionStore() {
        this(DEFAULT_MAX_SESSIONS, DEFAULT_IDLE, Ticker.systemTicker(), Runnable::run);
    }

    /** With a fake ticker and a same-thread executor, bounds are exact and tests never wait. */
    public MemorySessionStore(long maxSessions, Duration idle, Ticker ticker, Executor executor) {
        this.sessions = Caffeine.newBuilder()
                .maximumSize(maxSessions)
                .expireAfterAccess(idle)
                .ticker(ticker)
                .executor(executor)
                .build();
    }

    public static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    @Override public String create() {
        String id = newId();
        sessions.put(id, new Session());
        return id;
    }

    @Override public boolean exists(String sessionId) {
        return sessionId != null && sessions.getIfPresent(sessionId) != null;
    }

    @Override public Optional<LabRecord> lab(String sessionId, String labKey) {
        Session session = sessions.getIfPresent(sessionId);
        return session == null ? Optional.empty() : Optional.ofNullable(session.lab(labKey));
    }

    @Override public boolean replaceLab(String sessionId, String labKey, long expectedVersion, LabRecord next) {
        Session session = sessions.getIfPresent(sessionId);
        return session != null && session.replaceLab(labKey, expectedVersion, next);
    }

    @Override public Progress progress(String sessionId) {
        Session session = sessions.getIfPresent(sessionId);
        return session == null ? Progress.NONE : session.progress();
    }

    @Override public void markLabEnded(String sessionId, String labKey) {
        Session session = sessions.getIfPresent(sessionId);
        if (session != null) session.markEnded(labKey);
    }

    @Override public void answerPrediction(String sessionId, String key, int choice) {
        Session session = sessions.getIfPresent(sessionId);
        if (session != null) session.answerPrediction(key, choice);
    }

    @Override public void answerQuiz(String sessionId, String key, List<Integer> answers) {
        Session session = sessions.getIfPresent(sessionId);
        if (session != null) session.answerQuiz(key, answers);
    }

    @Override public String health() {
        return "memory";
    }

    /** One learner's data; every method holds the session's lock, so changes are serialized. */
    private static final class Session {
        private Map<String, LabRecord> labs;
        private Set<String> ended;
        private Map<String, Integer> predictions;
        private Map<String, List<Integer>> quizzes;

        synchronized LabRecord lab(String key) {
            return labs == null ? null : labs.get(key);
        }

        synchronized boolean replaceLab(String key, long expectedVersion, LabRecord next) {
            LabRecord current = lab(key);
            long version = current == null ? 0 : current.version();
            if (version != expectedVersion || next.version() <= version) return false;
            if (labs == null) labs = new HashMap<>(4);
            labs.put(key, next);
            return true;
        }

        synchronized void markEnded(String key) {
            if (ended == null) ended = new HashSet<>(4);
            ended.add(key);
        }

        synchronized void answerPrediction(String key, int choice) {
            if (predictions == null) predictions = new HashMap<>(4);
            predictions.put(key, choice);
        }

        synchronized void answerQuiz(String key, List<Integer> answers) {
            if (quizzes == null) quizzes = new HashMap<>(4);
            quizzes.put(key, List.copyOf(answers));
        }

        synchronized Progress progress() {
            return new Progress(ended == null ? Set.of() : ended, predictions == null ? Map.of() : predictions,
                    quizzes == null ? Map.of() : new HashMap<>(quizzes));
        }
    }
}
