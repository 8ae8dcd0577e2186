package tcplab.lesson;

import java.util.List;
import java.util.Map;

import tcplab.sim.LabSpec;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;

/**
 * A {@code ```lab} block: which scenario to play and from where, and where its story ends
 * ({@code goals}: the block's own, or its scenario's). {@code index} is the lab's position in
 * its lesson (0-based), the same in both languages. A host lab ({@code scenario: host}) has
 * {@code host}: its host keys as written ({@code backlog}, {@code keepalive},
 * {@code sysctl.NAME}; CONTRACT.md "Host labs"); a connection lab has none.
 */
public record LabBlock(int index, String scenario, String profile, Long seed, List<String> actions,
                       List<Goal> goals, String title, List<PredictBlock> predictions, Map<String, String> host) implements Lesson.Part {
    public LabBlock {
        actions = List.copyOf(actions);
        goals = List.copyOf(goals);
        predictions = List.copyOf(predictions);
        host = host == null ? Map.of() : Map.copyOf(host);
    }

    public LabBlock(int index, String scenario, String profile, Long seed, List<String> actions,
                    List<Goal> goals, String title, List<PredictBlock> predictions) {
        this(index, scenario, profile, seed, actions, goals, title, predictions, Map.of());
    }

    public boolean isHostLab() {
        return scenario.equals(tcplab.sim.HostLab.SCENARIO);
    }

    /** The lab this block starts from, as the one lab spec. */
    public LabSpec spec() {
        Profile p = Profile.byKey(profile).orElseThrow();
        if (isHostLab()) return LabSpec.parseHost(String.join(",", actions), seed == null ? null : seed.toString(), profile, host);
        return new LabSpec(Scenario.byKey(scenario).orElseThrow(), seed, p, actions);
    }

    /** The anchor of the lab in its lesson page. */
    public String anchor() {
        return "lab-" + (index + 1);
    }

    LabBlock withPredictions(List<PredictBlock> all) {
        return new LabBlock(index, scenario, profile, seed, actions, goals, title, all, host);
    }
}
