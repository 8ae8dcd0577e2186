package tcplab.web;

import tcplab.sim.BadActionException;
import tcplab.sim.LabSpec;
import tcplab.sim.Scenario;
import tcplab.web.lab.Labs;

/**
 * The query of a replay link ({@code actions}, {@code seed}, {@code profile}), checked by
 * replaying it: a bad word is reported with its 1-based position.
 */
final class Replays {
    private Replays() {}

    /** What is wrong: a problem name (message key suffix), the word, and its position (0 if none). */
    record Error(String problem, String word, int position) {}

    /** A replay link that cannot be played, and why. */
    static final class Refused extends Exception {
        final Error error;

        Refused(Error error) {
            super(error.problem(), null, false, false);
            this.error = error;
        }
    }

    /** The lab the link describes, known to replay. */
    static LabSpec check(Scenario scenario, String actions, String seed, String profile) throws Refused {
        LabSpec spec;
        try {
            spec = LabSpec.parse(scenario, actions, seed, profile);
        } catch (LabSpec.BadSpecException e) {
            throw new Refused(new Error(e.key(), shorten(e.value()), 0));
        }
        if (spec.actions().size() > Labs.MAX_ACTIONS) throw new Refused(new Error("tooMany", String.valueOf(spec.actions().size()), 0));
        try {
            spec.replay();
        } catch (BadActionException e) {
            throw new Refused(new Error(e.problem().name(), shorten(e.word()), e.position()));
        }
        return spec;
    }

    private static String shorten(String word) {
        return word == null ? "" : word.length() > 60 ? word.substring(0, 60) + "…" : word;
    }
}
