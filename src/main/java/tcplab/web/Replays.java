package tcplab.web;

import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;

import java.util.Arrays;
import java.util.List;

/**
 * The query of a replay link ({@code actions}, {@code seed}, {@code profile}), checked by
 * replaying it: a bad word is reported with its 1-based position.
 */
final class Replays {
    private Replays() {}

    static final int MAX_ACTIONS = tcplab.web.lab.Labs.MAX_ACTIONS;

    /** What is wrong: a problem name (message key suffix), the word, and its position (0 if none). */
    record Error(String problem, String word, int position) {}

    record Parsed(List<String> actions, Long seed, Profile profile, Error error) {}

    static Parsed parse(Scenario scenario, String actions, String seed, String profile) {
        Long seedValue = null;
        if (seed != null && !seed.isEmpty()) {
            if (!seed.matches("-?[0-9]{1,18}")) return failed(new Error("seed", shorten(seed), 0));
            seedValue = Long.parseLong(seed);
        }
        Profile profileValue = Profile.LINUX;
        if (profile != null && !profile.isEmpty()) {
            var p = Profile.byKey(profile);
            if (p.isEmpty()) return failed(new Error("profile", shorten(profile), 0));
            profileValue = p.get();
        }
        List<String> words = actions == null || actions.isEmpty() ? List.of() : Arrays.asList(actions.split(",", -1));
        if (words.size() > MAX_ACTIONS) return failed(new Error("tooMany", String.valueOf(words.size()), 0));
        try {
            Simulation.replay(scenario, seedValue, profileValue, words);
        } catch (BadActionException e) {
            return failed(new Error(e.problem().name(), shorten(e.word()), e.position()));
        }
        return new Parsed(words, seedValue, profileValue, null);
    }

    private static Parsed failed(Error error) {
        return new Parsed(List.of(), null, Profile.LINUX, error);
    }

    private static String shorten(String word) {
        return word == null ? "" : word.length() > 60 ? word.substring(0, 60) + "…" : word;
    }
}
