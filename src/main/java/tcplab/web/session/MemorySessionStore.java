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

    @Override public boolean replaceLab(String sessionId, String labKey, long expectedVersion, LabRecord next, boolean ended) {
        Session session = sessions.getIfPresent(sessionId);
        return session != null && session.replaceLab(labKey, expectedVersion, next, ended);
    }

    @Override public Progress progress(String sessionId) {
        Session session = sessions.getIfPresent(sessionId);
        return session == null ? Progress.NONE : session.progress();
    }

    @Override public void answerPrediction(String sessionId, String key, int choice) {
        Session session = sessions.getIfPresent(sessionId);
        if (session != null) session.answerPrediction(key, choice);
    }

    @Override public void answerQuiz(String sessionId, String key, List<Integer> answers) {
        Session session = sessions.getIfPresent(sessionId);
        if (session != null) session.answerQuiz(key, answers);
    }

    @Override public Optional<DrillsRecord> drills(String sessionId) {
        Session session = sessions.getIfPresent(sessionId);
        return session == null ? Optional.empty() : Optional.ofNullable(session.drills());
    }

    @Override public boolean replaceDrills(String sessionId, long expectedVersion, DrillsRecord next) {
        Session session = sessions.getIfPresent(sessionId);
        return session != null && session.replaceDrills(expectedVersion, next);
    }

    @Override public String health() {
        return "memory";
    }

    /**
     * One learner's data; every method holds the session's lock, so changes are serialized.
     * Progress (ended labs, predictions, quizzes) changes rarely and is read on every action: it
     * is kept in immutable collections, replaced on each change, so reading it copies nothing
     * and a reader never sees a collection another request is changing.
     */
    private static final class Session {
        private Map<String, LabRecord> labs;
        private Set<String> ended = Set.of();
        private Map<String, Integer> predictions = Map.of();
        private Map<String, List<Integer>> quizzes = Map.of();
        private DrillsRecord drills;

        synchronized LabRecord lab(String key) {
            return labs == null ? null : labs.get(key);
        }

        synchronized boolean replaceLab(String key, long expectedVersion, LabRecord next, boolean ended) {
            LabRecord current = lab(key);
            long version = current == null ? 0 : current.version();
            if (version != expectedVersion || next.version() <= version) return false;
            long after = bytes() - (current == null ? 0 : key.length() + labBytes(current)) + key.length() + labBytes(next)
                    + (ended ? key.length() : 0);
            if (after > MAX_SESSION_BYTES) throw new Full();
            if (labs == null) labs = new HashMap<>(4);
            labs.put(key, next);
            if (ended) markEnded(key);
            return true;
        }

        synchronized void markEnded(String key) {
            if (ended.contains(key)) return;
            Set<String> next = new HashSet<>(ended);
            next.add(key);
            ended = Set.copyOf(next);
        }

        synchronized void answerPrediction(String key, int choice) {
            Map<String, Integer> next = new HashMap<>(predictions);
            next.put(key, choice);
            predictions = Map.copyOf(next);
        }

        synchronized void answerQuiz(String key, List<Integer> answers) {
            Map<String, List<Integer>> next = new HashMap<>(quizzes);
            next.put(key, List.copyOf(answers));
            quizzes = Map.copyOf(next);
        }

        synchronized DrillsRecord drills() {
            return drills;
        }

        synchronized boolean replaceDrills(long expectedVersion, DrillsRecord next) {
            long version = drills == null ? 0 : drills.version();
            if (version != expectedVersion || next.version() <= version) return false;
            if (bytes() - (drills == null ? 0 : drills.text().length()) + next.text().length() > MAX_SESSION_BYTES) throw new Full();
            drills = next;
            return true;
        }

        /** What this session holds, counted as the stored text would be (everything it keeps counts). */
        synchronized long bytes() {
            long n = 0;
            if (labs != null) for (var e : labs.entrySet()) n += e.getKey().length() + labBytes(e.getValue());
            for (String k : ended) n += k.length();
            for (String k : predictions.keySet()) n += k.length() + 2;
            for (var e : quizzes.entrySet()) n += e.getKey().length() + 2L * e.getValue().size();
            if (drills != null) n += drills.text().length();
            return n;
        }

        private static long labBytes(LabRecord lab) {
            return 32 + lab.spec().actionsText().length();
        }

        synchronized Progress progress() {
            return new Progress(ended, predictions, quizzes);
        }
    }
}
