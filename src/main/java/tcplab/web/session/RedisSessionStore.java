package tcplab.web.session;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tcplab.sim.HostLab;
import tcplab.sim.LabSpec;
import tcplab.sim.host.BadSettingException;
import tcplab.sim.host.HostSettings;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Sessions in Redis, so that any instance serves any learner and a restart loses nothing.
 * One hash per session, {@code tcplab:s:<id>}, whose TTL is the idle expiry and is renewed on
 * every access. Its fields:
 * <pre>
 *   c           "1"                              the session exists (even with nothing in it)
 *   lab:KEY     "VERSION|scenario|profile|seed|actions"   one lab (seed empty when none)
 *   end:KEY     "1"                              lab KEY was played to its end
 *   pred:KEY    "2"                              the choice made for prediction KEY
 *   quiz:KEY    "0,2,1"                          the answers given to quiz KEY
 *   drills      "VERSION|book"                   the learner's drills (DrillsRecord), compared and set like a lab
 * </pre>
 * {@link #replaceLab} runs as one Lua script that compares and advances the version (and sets
 * the end mark when asked), so actions on one lab stay serialized across instances. Commands
 * time out after {@link #DEFAULT_TIMEOUT} and are rejected at once while disconnected; both
 * surface as {@link Unavailable}. Redis answering with an error is no outage: a full Redis
 * (OOM) is a temporary error too, logged once; a key of the wrong type is removed. A stored value
 * that does not decode is logged once, removed and treated as absent. Lettuce reconnects by itself, so the store recovers when
 * Redis is back.
 */
public final class RedisSessionStore implements SessionStore {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1500);
    static final String PREFIX = "tcplab:s:";
    /** The hash field of a session's drills; the lab script's version check serves it too. */
    private static final String DRILLS = "drills";
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);
    private static final String BUDGET = Integer.toString(MAX_SESSION_BYTES);

    /**
     * KEYS[1] session; ARGV: field, expected version, new record, ttl ms, the lab's end mark
     * field or "" (then no mark), and the session's byte budget. 1 stored, 0 refused, -1 full.
     */
    private static final String REPLACE_LAB = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            local version = 0
            -- a value whose version does not read counts as absent, so the learner can start over
            if current then version = tonumber(string.match(current, '^(%d+)|')) or 0 end
            if version ~= tonumber(ARGV[2]) then return 0 end
            -- the session's bytes after this write, every field counted (ARGV[6] the budget)
            local total = #ARGV[1] + #ARGV[3] + #ARGV[5] + 1
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all do total = total + #all[i] end
            if current then total = total - #ARGV[1] - #current end
            if total > tonumber(ARGV[6]) then return -1 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], ARGV[5], '1') end
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """;

    /**
     * KEYS[1] session; ARGV: ttl ms. 1 when the session exists (and is renewed), 0 when it does
     * not, -1 when the key held something other than a session hash (now removed).
     */
    private static final String RENEW = """
            local kind = redis.call('TYPE', KEYS[1]).ok
            if kind == 'none' then return 0 end
            if kind ~= 'hash' then redis.call('DEL', KEYS[1]) return -1 end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """;

    /** KEYS[1] session; ARGV: field, value, ttl ms. Never brings an expired session back. */
    private static final String SET_IF_EXISTS = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """;

    private final RedisClient client;
    private final ClientResources resources;
    private final Duration idle;
    private final String ttlMillis;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicBoolean full = new AtomicBoolean(false);
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisSessionStore(String url) {
        this(url, MemorySessionStore.DEFAULT_IDLE, DEFAULT_TIMEOUT);
    }

    public RedisSessionStore(String url, Duration idle, Duration timeout) {
        this.idle = idle;
        this.ttlMillis = Long.toString(idle.toMillis());
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                // Retry soon after Redis comes back, not after Lettuce's default of up to 30 s.
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while disconnected rather than queue commands to run later.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        try {
            connection();
        } catch (Unavailable e) {
            // Start anyway: the first request after Redis is up connects.
        }
    }

    /**
     * The shared connection, connecting first if there is none yet (Redis was down at start;
     * once connected, Lettuce reconnects by itself). One request tries at a time; the others
     * fail at once rather than queue behind a connect timeout.
     */
    private RedisCommands<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) return current.sync();
        if (!connecting.tryLock()) throw new Unavailable("connecting to Redis", null);
        try {
            if (connection == null) connection = client.connect();
            return connection.sync();
        } catch (RedisException e) {
            throw unavailable("cannot connect to Redis", e);
        } finally {
            connecting.unlock();
        }
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        RedisCommands<String, String> redis = connection();
        try {
            T result = command.apply(redis);
            if (!reachable.getAndSet(true)) LOG.info("Redis is reachable again");
            return result;
        } catch (RedisCommandExecutionException e) {
            // Redis answered, with an error: it is reachable, and this is no outage to log as one
            if (!reachable.getAndSet(true)) LOG.info("Redis is reachable again");
            if (String.valueOf(e.getMessage()).startsWith("OOM")) {
                if (full.compareAndSet(false, true)) LOG.warn("Redis is full (maxmemory) and refuses writes: {}", e.getMessage());
                throw new Unavailable("Redis is full", e);
            }
            throw new IllegalStateException("Redis refused a command: " + e.getMessage(), e);
        } catch (RedisException e) {
            throw unavailable("Redis did not answer", e);
        }
    }

    /** A stored value that does not decode: logged once and removed, so the learner goes on as if it were absent. */
    private void discard(String sessionId, String field, String value, RuntimeException why) {
        LOG.warn("a stored {} of a session did not decode and was removed ({}): {}", field, why.getMessage(),
                value.length() > 120 ? value.substring(0, 120) + "…" : value);
        call(redis -> redis.hdel(key(sessionId), field));
    }

    /** Logs once when Redis goes away (not once per request), then hands learners a temporary error. */
    private Unavailable unavailable(String what, RedisException e) {
        if (reachable.getAndSet(false)) LOG.warn("{} ({}); learners get a temporary error until it is back", what, e.getMessage());
        return new Unavailable(what + ": " + e.getMessage(), e);
    }

    static String key(String sessionId) {
        return PREFIX + sessionId;
    }

    @Override public String create() {
        String id = MemorySessionStore.newId();
        call(redis -> redis.hset(key(id), "c", "1") && redis.pexpire(key(id), idle));
        return id;
    }

    @Override public boolean exists(String sessionId) {
        if (sessionId == null) return false;
        Long found = call(redis -> redis.<Long>eval(RENEW, ScriptOutputType.INTEGER, new String[]{key(sessionId)}, ttlMillis));
        if (found != null && found == -1L) LOG.warn("a session key held something other than a session and was removed");
        return found != null && found == 1L;
    }

    @Override public Optional<LabRecord> lab(String sessionId, String labKey) {
        String field = "lab:" + labKey;
        String stored = call(redis -> redis.hget(key(sessionId), field));
        if (stored == null) return Optional.empty();
        try {
            Optional<LabRecord> lab = decode(stored);
            // a lab of a scenario or profile this version lacks: removed too, or its version would refuse every form
            if (lab.isEmpty()) discard(sessionId, field, stored, new IllegalStateException("a scenario or profile this version does not know"));
            return lab;
        } catch (RuntimeException e) {
            discard(sessionId, field, stored, e);
            return Optional.empty();
        }
    }

    @Override public boolean replaceLab(String sessionId, String labKey, long expectedVersion, LabRecord next, boolean ended) {
        if (next.version() <= expectedVersion) return false;
        Long stored = call(redis -> redis.<Long>eval(REPLACE_LAB, ScriptOutputType.INTEGER, new String[]{key(sessionId)},
                "lab:" + labKey, Long.toString(expectedVersion), encode(next), ttlMillis, ended ? "end:" + labKey : "", BUDGET));
        if (stored != null && stored == -1L) throw new Full();
        return stored != null && stored == 1L;
    }

    @Override public Progress progress(String sessionId) {
        Map<String, String> fields = call(redis -> redis.hgetall(key(sessionId)));
        Set<String> ended = new HashSet<>();
        Map<String, Integer> predictions = new HashMap<>();
        Map<String, List<Integer>> quizzes = new HashMap<>();
        fields.forEach((field, value) -> {
            try {
                if (field.startsWith("end:")) ended.add(field.substring(4));
                else if (field.startsWith("pred:")) predictions.put(field.substring(5), Integer.parseInt(value));
                else if (field.startsWith("quiz:")) quizzes.put(field.substring(5), numbers(value));
            } catch (RuntimeException e) {
                discard(sessionId, field, value, e);
            }
        });
        return new Progress(ended, predictions, quizzes);
    }

    @Override public Optional<DrillsRecord> drills(String sessionId) {
        String stored = call(redis -> redis.hget(key(sessionId), DRILLS));
        if (stored == null) return Optional.empty();
        try {
            int bar = stored.indexOf('|');
            if (bar < 1) throw new IllegalStateException("no version");
            return Optional.of(new DrillsRecord(stored.substring(bar + 1), Long.parseLong(stored.substring(0, bar))));
        } catch (RuntimeException e) {
            discard(sessionId, DRILLS, stored, e);
            return Optional.empty();
        }
    }

    @Override public boolean replaceDrills(String sessionId, long expectedVersion, DrillsRecord next) {
        if (next.version() <= expectedVersion) return false;
        Long stored = call(redis -> redis.<Long>eval(REPLACE_LAB, ScriptOutputType.INTEGER, new String[]{key(sessionId)},
                DRILLS, Long.toString(expectedVersion), next.version() + "|" + next.text(), ttlMillis, "", BUDGET));
        if (stored != null && stored == -1L) throw new Full();
        return stored != null && stored == 1L;
    }

    @Override public void answerPrediction(String sessionId, String key, int choice) {
        setIfExists(sessionId, "pred:" + key, Integer.toString(choice));
    }

    @Override public void answerQuiz(String sessionId, String key, List<Integer> answers) {
        StringBuilder value = new StringBuilder();
        for (int answer : answers) value.append(value.length() == 0 ? "" : ",").append(answer);
        setIfExists(sessionId, "quiz:" + key, value.toString());
    }

    private void setIfExists(String sessionId, String field, String value) {
        call(redis -> redis.<Long>eval(SET_IF_EXISTS, ScriptOutputType.INTEGER, new String[]{key(sessionId)}, field, value, ttlMillis));
    }

    @Override public String health() {
        call(RedisCommands::ping);
        return "redis";
    }

    @Override public void close() {
        connecting.lock();
        try {
            if (connection != null) connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
        } finally {
            connecting.unlock();
        }
    }

    // ---- the stored form of a lab: the version first (the script reads it), the actions last (they may hold '|')

    static String encode(LabRecord lab) {
        LabSpec spec = lab.spec();
        String head = lab.version() + "|" + spec.scenarioKey() + "|" + spec.profile().key() + "|" + (spec.seed() == null ? "" : spec.seed());
        if (!spec.isHostLab()) return head + "|" + spec.actionsText();
        // a host lab stores its settings as the contract's URL form between the seed and the actions
        StringBuilder settings = new StringBuilder();
        spec.host().toParams().forEach((k, v) -> settings.append(settings.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return head + "|" + settings + "|" + spec.actionsText();
    }

    /**
     * The stored lab; empty when it names a scenario, profile or setting this version does not
     * know (the learner starts afresh). A connection lab is {@code version|scenario|profile|seed|actions};
     * a host lab has its settings before the actions: {@code version|host|profile|seed|settings|actions}.
     */
    static Optional<LabRecord> decode(String stored) {
        String[] parts = stored.split("\\|", 5);
        if (parts.length != 5) throw new IllegalStateException("a stored lab is malformed: " + stored);
        Optional<Profile> profile = Profile.byKey(parts[2]);
        if (profile.isEmpty()) return Optional.empty();
        Long seed = parts[3].isEmpty() ? null : Long.valueOf(parts[3]);
        if (parts[1].equals(HostLab.SCENARIO)) {
            int bar = parts[4].indexOf('|');
            if (bar < 0) throw new IllegalStateException("a stored host lab is malformed: " + stored);
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : parts[4].substring(0, bar).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            String actions = parts[4].substring(bar + 1);
            try {
                return Optional.of(new LabRecord(LabSpec.hostLab(seed, profile.get(), HostSettings.parse(params),
                        actions.isEmpty() ? List.of() : Arrays.asList(actions.split(",", -1))), Long.parseLong(parts[0])));
            } catch (BadSettingException e) {
                return Optional.empty();
            }
        }
        Optional<Scenario> scenario = Scenario.byKey(parts[1]);
        if (scenario.isEmpty()) return Optional.empty();
        LabSpec spec = new LabSpec(scenario.get(), seed, profile.get(),
                parts[4].isEmpty() ? List.of() : Arrays.asList(parts[4].split(",")));
        return Optional.of(new LabRecord(spec, Long.parseLong(parts[0])));
    }

    private static List<Integer> numbers(String value) {
        List<Integer> list = new ArrayList<>();
        if (!value.isEmpty()) for (String n : Arrays.asList(value.split(","))) list.add(Integer.valueOf(n));
        return list;
    }
}
