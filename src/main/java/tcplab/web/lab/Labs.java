package tcplab.web.lab;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tcplab.lesson.Goal;
import tcplab.sim.BadActionException;
import tcplab.sim.LabSnapshot;
import tcplab.sim.LabSpec;
import tcplab.web.session.LabRecord;
import tcplab.web.session.SessionStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Session labs, connection labs and host labs alike: each is stored as its spec and a version,
 * and rebuilt by replay; the latest snapshots are cached. Every change is a compare-and-set on the version,
 * so concurrent requests on one lab are serialized and a stale form is refused.
 */
public final class Labs {

    /** Longest action list a lab keeps; "play to the end" stops there too. */
    public static final int MAX_ACTIONS = 400;

    /**
     * Where a lab starts (its lesson block, or the replay link it was played on from), and where
     * its story ends: its goals, for progress.
     */
    public record Start(LabSpec spec, List<Goal> goals) {
        public Start {
            goals = List.copyOf(goals);
        }

        /** A lab with its scenario's goals; a host lab in the playground has none (its story is the learner's). */
        public Start(LabSpec spec) {
            this(spec, spec.isHostLab() ? List.of() : Goal.of(spec.scenario()));
        }

        public boolean isHostLab() {
            return spec.isHostLab();
        }

        public List<String> actions() {
            return spec.actions();
        }

        /** True when the learner has played the lab past its start to the end of its story. */
        public boolean finishedBy(List<String> played, LabSnapshot snapshot) {
            return played.size() > spec.actions().size() && Goal.finished(goals, snapshot);
        }

        LabRecord record() {
            return new LabRecord(spec, 0);
        }

        /**
         * Whether a stored lab was played from this start: the same scenario, and for a host lab
         * the same settings, seed and profile and the start's actions first (a lesson's block or
         * the playground's settings changed since: the stored lab is another).
         */
        boolean began(LabSpec stored) {
            if (!stored.scenarioKey().equals(spec.scenarioKey())) return false;
            if (!spec.isHostLab()) return true;
            return stored.host().equals(spec.host()) && Objects.equals(stored.seed(), spec.seed()) && stored.profile() == spec.profile()
                    && stored.actions().size() >= spec.actions().size()
                    && stored.actions().subList(0, spec.actions().size()).equals(spec.actions());
        }
    }

    /**
     * A lab as it is now; {@code restarted} when the stored lab no longer replayed (an upgrade
     * changed what its actions do) and was set back to its start: the learner is told.
     */
    public record Lab(LabRecord record, LabSnapshot snapshot, boolean restarted) {
        public Lab(LabRecord record, LabSnapshot snapshot) {
            this(record, snapshot, false);
        }

        public long version() {
            return record.version();
        }
    }

    public sealed interface Outcome {
        Lab lab();
    }

    public record Accepted(Lab lab) implements Outcome {}

    /** The form was made for an older version of the lab (another tab, a double click). */
    public record Conflict(Lab lab) implements Outcome {}

    /** The command cannot be applied; {@code problem} names why (a message key suffix). */
    public record Rejected(Lab lab, String problem, String detail) implements Outcome {}

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Labs.class);

    private final SessionStore store;
    /**
     * Snapshots by spec, weighed by their estimated bytes: issue 15 measured 318 MB retained by
     * 6,000 snapshots of 400-word labs, about 130 bytes a step; a short lab is mostly its fixed part.
     */
    private final Cache<LabSpec, LabSnapshot> snapshots = Caffeine.newBuilder().maximumWeight(SNAPSHOT_BYTES)
            .weigher((LabSpec spec, LabSnapshot s) -> estimatedBytes(spec)).executor(Runnable::run).build();

    /** What the snapshot cache may hold, in estimated bytes. */
    static final long SNAPSHOT_BYTES = 64L * 1024 * 1024;

    /**
     * A host lab is larger: its hosts, counters and settings, and a flood keeps a number or two
     * for each of its SYNs (request sockets as numbers, segments computed when read).
     */
    static int estimatedBytes(LabSpec spec) {
        if (!spec.isHostLab()) return 2048 + 130 * spec.actions().size();
        long flooded = 0;
        for (String word : spec.actions()) {
            if (word.startsWith("flood:")) flooded += word.matches("flood:[0-9]{1,5}") ? Long.parseLong(word.substring(6)) : 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, 16_384 + 200L * spec.actions().size() + 16 * flooded);
    }

    public Labs(SessionStore store) {
        this.store = store;
    }

    /** The session's lab at this address, or the lab's start when the session has none. */
    public Lab current(String sessionId, LabAddress address, Start start) {
        LabRecord record = sessionId == null ? null : store.lab(sessionId, address.sessionKey()).orElse(null);
        if (record == null || !start.began(record.spec())) record = start.record();
        LabSnapshot cached = snapshots.getIfPresent(record.spec());
        if (cached != null) return new Lab(record, cached);
        try {
            LabSnapshot snapshot = record.spec().play();
            snapshots.put(record.spec(), snapshot);
            return new Lab(record, snapshot);
        } catch (BadActionException | RuntimeException e) {
            if (record.version() == 0) throw new IllegalStateException("a lab's start does not replay: " + record.spec(), e);
            // Stored by an older version whose simulator played these actions differently: start
            // the lab afresh (stored, so this happens once) rather than fail on every request.
            LOG.warn("a stored lab no longer replays ({}) and starts afresh: {}", e.getMessage(), record.spec().query());
            LabRecord restarted = new LabRecord(start.spec(), record.version() + 1);
            store.replaceLab(sessionId, address.sessionKey(), record.version(), restarted);
            return new Lab(restarted, snapshot(start.spec()), true);
        }
    }

    /** The lab after its actions (a spec that replayed before: a session's lab, a checked replay link). */
    public LabSnapshot snapshot(LabSpec spec) {
        LabSnapshot cached = snapshots.getIfPresent(spec);
        if (cached != null) return cached;
        try {
            LabSnapshot snapshot = spec.play();
            snapshots.put(spec, snapshot);
            return snapshot;
        } catch (BadActionException e) {
            throw new IllegalStateException("a stored lab no longer replays: " + spec, e);
        }
    }

    /** Applies {@code command} if {@code formVersion} is the lab's version. */
    public Outcome act(String sessionId, LabAddress address, Start start, long formVersion, Command command) {
        Lab lab = current(sessionId, address, start);
        if (formVersion != lab.version()) return new Conflict(lab);

        List<String> actions = new ArrayList<>(lab.record().actionList());
        if (command instanceof Command.Act act) {
            if (actions.size() >= MAX_ACTIONS) return new Rejected(lab, "tooLong", null);
            actions.add(act.word());
        } else if (command instanceof Command.Back) {
            if (actions.size() <= start.actions().size()) return new Rejected(lab, "nothingToUndo", null);
            actions.remove(actions.size() - 1);
        } else if (command instanceof Command.Reset) {
            actions = new ArrayList<>(start.actions());
        } else if (command instanceof Command.PlayToEnd) {
            if (!lab.snapshot().pending()) return new Rejected(lab, "nothingPending", null);
            actions.addAll(nextsToEnd(lab.record().spec(), actions));
        }
        return store(sessionId, address, start, lab, lab.record().with(actions));
    }

    /** Starts the lab over at {@code spec} (a host lab's changed settings): its actions are the start's. */
    public Outcome restart(String sessionId, LabAddress address, Start start, long formVersion, LabSpec spec) {
        Lab lab = current(sessionId, address, start);
        if (formVersion != lab.version()) return new Conflict(lab);
        return store(sessionId, address, start, lab, new LabRecord(spec.withActions(List.of()), lab.version() + 1));
    }

    private Outcome store(String sessionId, LabAddress address, Start start, Lab lab, LabRecord next) {
        // Many learners reach the same moments: a cached snapshot means these actions replayed
        // before (so they are valid), and only a new moment is replayed and stored. Writing an
        // entry that is already there would make every learner wait on the same cache node.
        LabSnapshot snapshot = snapshots.getIfPresent(next.spec());
        if (snapshot == null) {
            try {
                snapshot = next.spec().play();
            } catch (BadActionException e) {
                return new Rejected(lab, "problem." + e.problem().name(), e.word());
            }
            snapshots.put(next.spec(), snapshot);
        }
        // The lab and, when this action finishes its story, its end mark: one write.
        try {
            if (!store.replaceLab(sessionId, address.sessionKey(), lab.version(), next, start.finishedBy(next.actionList(), snapshot))) {
                return new Conflict(current(sessionId, address, start));
            }
        } catch (SessionStore.Full full) {
            return new Rejected(lab, "sessionFull", null);
        }
        return new Accepted(new Lab(next, snapshot));
    }

    /** The {@code next} words that run the lab until nothing is pending, within MAX_ACTIONS. */
    private static List<String> nextsToEnd(LabSpec spec, List<String> actions) {
        List<String> nexts = new ArrayList<>();
        try {
            tcplab.sim.Lab lab = spec.withActions(actions).open();
            for (String word : actions) lab.apply(word);
            while (lab.hasPending() && actions.size() + nexts.size() < MAX_ACTIONS) {
                lab.apply("next");
                nexts.add("next");
            }
        } catch (BadActionException e) {
            throw new IllegalStateException("a stored lab no longer replays", e);
        }
        return nexts;
    }
}
