package tcplab.sim;

import java.util.List;
import java.util.Optional;

/**
 * The lab at one instant, immutable: both endpoints, every segment ever sent with its fate,
 * the whole trace, and what the learner can do now.
 */
public record Snapshot(Scenario scenario, Long seed, Profile profile, List<String> actions, long time,
                       EndpointSnapshot client, EndpointSnapshot server, List<SegmentRecord> segments,
                       List<Event> events, List<Action> offered, boolean pending, Long nextDueAt)
        implements LabSnapshot {

    public Snapshot {
        actions = List.copyOf(actions);
        segments = List.copyOf(segments);
        events = List.copyOf(events);
        offered = List.copyOf(offered);
    }

    public EndpointSnapshot endpoint(Side side) {
        return side == Side.CLIENT ? client : server;
    }

    public List<SegmentRecord> inFlight() {
        return segments.stream().filter(s -> s.fate() == Fate.IN_FLIGHT).toList();
    }

    public List<StateChanged> stateChanges() {
        return events.stream().filter(StateChanged.class::isInstance).map(StateChanged.class::cast).toList();
    }

    /** When the next pending event is due, if any. */
    public Optional<Long> nextEventAt() {
        return Optional.ofNullable(nextDueAt);
    }

    public SegmentRecord segment(int n) {
        return segments.get(n - 1);
    }

    @Override
    public LabSpec spec() {
        return new LabSpec(scenario, seed, profile, actions);
    }

    @Override
    public int segmentCount() {
        return segments.size();
    }

    /** The trace as readable lines. */
    @Override
    public List<String> trace() {
        return events.stream().map(Event::text).toList();
    }
}
