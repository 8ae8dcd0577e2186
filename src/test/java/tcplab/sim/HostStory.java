package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import tcplab.sim.HostSnapshot.AppError;
import tcplab.sim.HostSnapshot.ConnectionRow;
import tcplab.sim.HostSnapshot.HostSegment;
import tcplab.sim.host.HostSettings;
import tcplab.sim.host.Nstat;

/** A host lab played word by word in a test, with questions a learner would ask of it. */
final class HostStory {
    final HostLab lab;
    private HostSnapshot snapshot;
    private int seen;

    private HostStory(HostSettings settings) {
        this.lab = HostLab.start(null, Profile.LINUX, settings);
        this.snapshot = lab.snapshot();
    }

    static HostStory of(HostSettings settings) {
        return new HostStory(settings);
    }

    HostStory act(String... words) {
        for (String w : words) {
            try {
                lab.apply(w);
            } catch (BadActionException e) {
                fail(e.getMessage());
            }
        }
        snapshot = lab.snapshot();
        return this;
    }

    /** Runs {@code next} n times. */
    HostStory next(int n) {
        String[] words = new String[n];
        Arrays.fill(words, "next");
        return act(words);
    }

    HostSnapshot s() {
        return snapshot;
    }

    /** The segments sent since the last call, in order. */
    List<HostSegment> fresh() {
        List<HostSegment> all = snapshot.segments();
        List<HostSegment> out = new ArrayList<>(all.subList(seen, all.size()));
        seen = all.size();
        return out;
    }

    State state(String id) {
        return snapshot.connection(id).map(ConnectionRow::state).orElse(State.CLOSED);
    }

    HostStory states(String id, State expected) {
        assertEquals(expected, state(id), id + " in " + snapshot.trace());
        return this;
    }

    long counter(String host, Nstat n) {
        return snapshot.counter(host, n);
    }

    List<HostSegment> segments(Predicate<HostSegment> p) {
        return snapshot.segments().stream().filter(p).toList();
    }

    static Predicate<HostSegment> ctl(String ctl) {
        return s -> s.segment().ctl().equals(ctl);
    }

    static Predicate<HostSegment> from(String host) {
        return s -> s.from().equals(host);
    }

    List<AppError> errors() {
        return snapshot.errors();
    }

    HostStory told(String connection, String call, String errno) {
        assertTrue(snapshot.errors().stream().anyMatch(e -> e.connection().equals(connection) && e.call().equals(call) && e.errno().equals(errno)),
                connection + " should be told " + call + " " + errno + ": " + snapshot.errors());
        return this;
    }

    /** Prints the trace (while writing a test). */
    void print() {
        snapshot.trace().forEach(System.out::println);
    }
}
