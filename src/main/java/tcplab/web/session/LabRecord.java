package tcplab.web.session;

import java.util.Arrays;
import java.util.List;

/**
 * What a session keeps of one lab: enough to rebuild it by replay. {@code actions} is the
 * contract's comma-separated word list (one string, to keep sessions small); {@code version}
 * only ever grows, by one for every accepted action, step back and reset.
 */
public record LabRecord(String scenario, Long seed, String profile, String actions, long version) {

    public LabRecord {
        if (scenario == null || profile == null || actions == null) throw new IllegalArgumentException("incomplete lab record");
        if (version < 0) throw new IllegalArgumentException("negative version");
    }

    public List<String> actionList() {
        return actions.isEmpty() ? List.of() : Arrays.asList(actions.split(","));
    }

    public LabRecord with(List<String> newActions) {
        return new LabRecord(scenario, seed, profile, String.join(",", newActions), version + 1);
    }
}
