package tcplab.web.session;

import tcplab.sim.LabSpec;

import java.util.List;

/**
 * What a session keeps of one lab: its spec, enough to rebuild it by replay, and its
 * {@code version}, which only ever grows, by one for every accepted action, step back and reset.
 */
public record LabRecord(LabSpec spec, long version) {

    public LabRecord {
        if (spec == null) throw new IllegalArgumentException("incomplete lab record");
        if (version < 0) throw new IllegalArgumentException("negative version");
    }

    public List<String> actionList() {
        return spec.actions();
    }

    public LabRecord with(List<String> newActions) {
        return new LabRecord(spec.withActions(newActions), version + 1);
    }
}
