package tcplab.drill;

import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One moment of a lab: its spec (scenario, seed, profile) and the actions that lead there. */
public record LabMoment(Scenario scenario, Long seed, Profile profile, List<String> actions) {

    public LabMoment {
        Objects.requireNonNull(scenario);
        Objects.requireNonNull(profile);
        actions = List.copyOf(actions);
    }

    /** This moment followed by more actions. */
    public LabMoment then(List<String> more) {
        List<String> all = new ArrayList<>(actions);
        all.addAll(more);
        return new LabMoment(scenario, seed, profile, all);
    }

    public Snapshot replay() {
        try {
            return Simulation.replay(scenario, seed, profile, actions);
        } catch (BadActionException e) {
            throw new IllegalStateException("a drill's moment does not replay: " + e.getMessage(), e);
        }
    }

    /** The replay link's query: {@code actions=…&seed=…&profile=…} (CONTRACT.md, URLs). */
    public String query() {
        StringBuilder b = new StringBuilder("actions=").append(encode(String.join(",", actions)));
        if (seed != null) b.append("&seed=").append(seed);
        return b.append("&profile=").append(profile.key()).toString();
    }

    /** The share link that opens the lab on this moment: {@code /{lang}/lab/{scenario}?…}. */
    public String path(String lang) {
        return "/" + lang + "/lab/" + scenario.key() + "?" + query();
    }

    /** Percent-encodes a query value, keeping the list's commas and colons readable. */
    private static String encode(String value) {
        StringBuilder b = new StringBuilder();
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ',' || c == ':') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
