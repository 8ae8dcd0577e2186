package tcplab.web.lab;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tcplab.sim.BadActionException;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSpec;
import tcplab.web.session.LabRecord;
import tcplab.web.session.SessionStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Session host labs (CONTRACT.md "Host labs"), kept like connection labs ({@link Labs}): the
 * spec and a version in the session store, every change a compare-and-set on the version, the
 * lab rebuilt by replay with the latest snapshots cached by spec. The same action limit
 * ({@link Labs#MAX_ACTIONS}) applies. Changing a setting starts the lab over at the new spec.
 */
public final class HostLabs {

    /** Where a host lab starts: its spec with the actions it opens with. */
    public record Start(LabSpec spec) {
        public Start {
            if (!spec.isHostLab()) throw new IllegalArgumentException("not a host lab: " + spec);
        }

        public List<String> actions() {
            return spec.actions();
        }

        LabRecord record() {
            return new LabRecord(spec, 0);
        }
    }

    public record Lab(LabRecord record, HostSnapshot snapshot) {
        public long version() {
            return record.version();
        }
    }

    public sealed interface Outcome {
        Lab lab();
    }

    public record Accepted(Lab lab) implements Outcome {}

    public record Conflict(Lab lab) implements Outcome {}

    /** {@code problem} names why, a message key suffix as {@link Labs.Rejected}'s. */
    public record Rejected(Lab lab, String problem, String detail) implements Outcome {}

    private final SessionStore store;
    /** A 10,000-SYN lab's snapshot holds its flood as numbers, not rows: a few hundred KB at most. */
    private final Cache<LabSpec, HostSnapshot> snapshots = Caffeine.newBuilder().maximumSize(2_000).executor(Runnable::run).build();

    public HostLabs(SessionStore store) {
        this.store = store;
    }

    /** The session's lab at this address, or the start when the session has none (or one from another start). */
    public Lab current(String sessionId, LabAddress address, Start start) {
        LabRecord record = sessionId == null ? null : store.lab(sessionId, address.sessionKey()).orElse(null);
        if (record == null || !record.spec().isHostLab() || !sameStart(record.spec(), start)) record = start.record();
        return new Lab(record, snapshot(record.spec()));
    }

    private static boolean sameStart(LabSpec stored, Start start) {
        LabSpec s = start.spec();
        return stored.host().equals(s.host()) && java.util.Objects.equals(stored.seed(), s.seed()) && stored.profile() == s.profile()
                && stored.actions().size() >= s.actions().size() && stored.actions().subList(0, s.actions().size()).equals(s.actions());
    }

    /** The lab after its actions (a spec known to replay). */
    public HostSnapshot snapshot(LabSpec spec) {
        HostSnapshot cached = snapshots.getIfPresent(spec);
        if (cached != null) return cached;
        try {
            HostSnapshot s = spec.replayHost();
            snapshots.put(spec, s);
            return s;
        } catch (BadActionException e) {
            throw new IllegalStateException("a stored host lab no longer replays: " + spec, e);
        }
    }

    /** Applies {@code command} if {@code formVersion} is the lab's version. */
    public Outcome act(String sessionId, LabAddress address, Start start, long formVersion, Command command) {
        Lab lab = current(sessionId, address, start);
        if (formVersion != lab.version()) return new Conflict(lab);
        List<String> actions = new ArrayList<>(lab.record().actionList());
        if (command instanceof Command.Act act) {
            if (actions.size() >= Labs.MAX_ACTIONS) return new Rejected(lab, "tooLong", null);
            actions.add(act.word());
        } else if (command instanceof Command.Back) {
            if (actions.size() <= start.actions().size()) return new Rejected(lab, "nothingToUndo", null);
            actions.remove(actions.size() - 1);
        } else if (command instanceof Command.Reset) {
            actions = new ArrayList<>(start.actions());
        } else if (command instanceof Command.PlayToEnd) {
            if (!lab.snapshot().pending()) return new Rejected(lab, "nothingPending", null);
            actions.addAll(nextsToEnd(lab.record().spec()));
        }
        return store(sessionId, address, start, lab, lab.record().with(actions));
    }

    /** Starts the lab over at {@code spec} (a changed setting): its actions are the start's. */
    public Outcome restart(String sessionId, LabAddress address, Start start, long formVersion, LabSpec spec) {
        Lab lab = current(sessionId, address, start);
        if (formVersion != lab.version()) return new Conflict(lab);
        return store(sessionId, address, start, lab, new LabRecord(spec.withActions(List.of()), lab.version() + 1));
    }

    private Outcome store(String sessionId, LabAddress address, Start start, Lab lab, LabRecord next) {
        HostSnapshot snapshot = snapshots.getIfPresent(next.spec());
        if (snapshot == null) {
            try {
                snapshot = next.spec().replayHost();
            } catch (BadActionException e) {
                return new Rejected(lab, "problem." + e.problem().name(), e.word());
            }
            snapshots.put(next.spec(), snapshot);
        }
        if (!store.replaceLab(sessionId, address.sessionKey(), lab.version(), next)) {
            return new Conflict(current(sessionId, address, start));
        }
        return new Accepted(new Lab(next, snapshot));
    }

    /** The {@code next} words that run the lab until nothing is pending, within the action limit. */
    private static List<String> nextsToEnd(LabSpec spec) {
        List<String> nexts = new ArrayList<>();
        try {
            HostLab lab = spec.startHost();
            for (String word : spec.actions()) lab.apply(word);
            while (lab.hasPending() && spec.actions().size() + nexts.size() < Labs.MAX_ACTIONS) {
                lab.apply("next");
                nexts.add("next");
            }
        } catch (BadActionException e) {
            throw new IllegalStateException("a stored host lab no longer replays", e);
        }
        return nexts;
    }
}
