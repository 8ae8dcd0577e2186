package tcplab.web;

import tcplab.sim.BadActionException;
import tcplab.sim.LabSpec;
import tcplab.web.lab.Labs;

/**
 * The query of a replay link ({@code actions}, {@code seed}, {@code profile}, and a host lab's
 * keys), checked by replaying it: a bad word is reported with its 1-based position.
 */
final class Replays {
    private Replays() {}

    /**
     * What is wrong: a problem name (message key suffix), the word or value, its position (0 if
     * none), and for a host lab's setting what is wrong with it as a message key and its
     * arguments ({@code detail}; the word is the setting's key).
     */
    record Error(String problem, String word, int position, LabSpec.BadSpecException detail) {}

    /** A replay link that cannot be played, and why. */
    static final class Refused extends Exception {
        final Error error;

        Refused(Error error) {
            super(error.problem(), null, false, false);
            this.error = error;
        }
    }

    /** A value of the link that is wrong: a seed or profile by its value, a host key by its name and why. */
    static Error refusal(LabSpec.BadSpecException e) {
        if (e.key().equals("seed") || e.key().equals("profile")) return new Error(e.key(), shorten(e.value()), 0, null);
        return new Error("setting", e.key(), 0, e);
    }

    /** The lab the link describes, known to replay. */
    static LabSpec check(LabSpec spec) throws Refused {
        if (spec.actions().size() > Labs.MAX_ACTIONS) throw new Refused(new Error("tooMany", String.valueOf(spec.actions().size()), 0, null));
        try {
            spec.play();
        } catch (BadActionException e) {
            throw new Refused(new Error(e.problem().name(), shorten(e.word()), e.position(), null));
        }
        return spec;
    }

    private static String shorten(String word) {
        return word == null ? "" : word.length() > 60 ? word.substring(0, 60) + "…" : word;
    }
}
