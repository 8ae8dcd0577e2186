package tcplab.export;

import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A lab as the contract addresses it, (scenario, seed, profile, actions), parsed from the
 * text a URL query or a command line gives. Parsing errors are {@link IllegalArgumentException}s
 * whose message can be shown as it is; a word the simulator cannot apply is its
 * {@link BadActionException}, raised by {@link #replay}.
 */
public record LabRun(Scenario scenario, Long seed, Profile profile, List<String> actions) {

    private static final Pattern SEED = Pattern.compile("-?[0-9]{1,18}");

    public LabRun {
        actions = List.copyOf(actions);
        if (profile == null) profile = Profile.byDefault();
    }

    public static Optional<Scenario> scenario(String key) {
        return key == null ? Optional.empty() : Scenario.byKey(key);
    }

    /** Absent or empty: no seed (the RFC figures' ISNs). Otherwise a whole number. */
    public static Long seed(String text) {
        if (text == null || text.isEmpty()) return null;
        if (!SEED.matcher(text).matches()) {
            throw new IllegalArgumentException("seed must be a whole number, not \"" + text + "\"");
        }
        return Long.parseLong(text);
    }

    /** Absent or empty: {@code linux}. */
    public static Profile profile(String text) {
        if (text == null || text.isEmpty()) return Profile.byDefault();
        return Profile.byKey(text).orElseThrow(() ->
                new IllegalArgumentException("profile must be linux or rfc, not \"" + text + "\""));
    }

    /** A capture point; absent or empty: {@code client}. */
    public static Side at(String text) {
        if (text == null || text.isEmpty()) return Side.CLIENT;
        return Side.byKey(text).orElseThrow(() ->
                new IllegalArgumentException("at must be client or server, not \"" + text + "\""));
    }

    /** The contract's comma-separated word list; absent or empty: no actions. An empty word stays, to be rejected by position. */
    public static List<String> actions(String list) {
        if (list == null || list.isEmpty()) return List.of();
        return Arrays.asList(list.split(",", -1));
    }

    public Snapshot replay() throws BadActionException {
        return Simulation.replay(scenario, seed, profile, actions);
    }
}
