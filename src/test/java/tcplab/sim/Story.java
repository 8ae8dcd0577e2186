package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Test driver that reads like a packet trace: act, then assert exactly what was sent. */
final class Story {
    final Simulation sim;
    /** Segments already checked by {@link #sent}. */
    private int checked;

    Story(Simulation sim) {
        this.sim = sim;
        this.checked = sim.snapshot().segments().size();
    }

    static Story of(Scenario scenario, Profile profile) {
        return new Story(new LabSpec(scenario, null, profile, List.of()).start());
    }

    Story act(String... words) {
        for (String w : words) {
            try {
                sim.apply(w);
            } catch (BadActionException e) {
                fail(e.getMessage() + " after " + sim.actions());
            }
        }
        return this;
    }

    Snapshot s() {
        return sim.snapshot();
    }

    /** The next unchecked segment is exactly this one, from this side. */
    Story sent(Side from, String rfc) {
        List<SegmentRecord> all = s().segments();
        if (checked >= all.size()) fail("expected " + from.key() + " to send " + rfc + " but nothing more was sent\n" + trace());
        SegmentRecord r = all.get(checked++);
        assertEquals(from + " " + rfc, r.from() + " " + r.segment(), "segment " + r.n() + "\n" + trace());
        return this;
    }

    /** Treats everything sent so far as checked. */
    Story skipSent() {
        checked = s().segments().size();
        return this;
    }

    /** Nothing was sent since the last checked segment. */
    Story nothingSent() {
        List<SegmentRecord> all = s().segments();
        if (checked < all.size()) fail("unexpected segment " + all.get(checked).segment() + "\n" + trace());
        return this;
    }

    Story states(State client, State server) {
        Snapshot s = s();
        assertEquals(client + " / " + server, s.client().state() + " / " + s.server().state(), trace());
        return this;
    }

    Story at(long time) {
        assertEquals(time, s().time(), "clock");
        return this;
    }

    SegmentRecord last() {
        List<SegmentRecord> all = s().segments();
        return all.get(all.size() - 1);
    }

    String trace() {
        return String.join("\n", s().trace());
    }
}
