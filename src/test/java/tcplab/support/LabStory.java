package tcplab.support;

import tcplab.lesson.Goal;
import tcplab.lesson.LabBlock;
import tcplab.lesson.PredictBlock;
import tcplab.sim.BadActionException;
import tcplab.sim.Connect;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.sim.State;

import java.util.ArrayList;
import java.util.List;

/**
 * How a learner plays a lesson's lab to the end of its story, as the lab's controls: first to
 * each of its predictions in turn, then on until its goal is reached, letting things happen
 * ("end": play until nothing is pending), closing a side left in CLOSE-WAIT, starting a
 * teardown when the goal is a closed connection, connecting when nothing has started.
 */
public final class LabStory {

    private LabStory() {}

    /** Where the lab is once every prediction has been answered (answering plays one "next"). */
    public static List<String> afterPredictions(LabBlock lab) {
        List<String> played = new ArrayList<>(lab.actions());
        for (PredictBlock p : lab.predictions()) {
            played = new ArrayList<>(p.after());
            played.add("next");
        }
        return played;
    }

    /** The controls to press, from {@code played}, until the lab is finished; fails if the story cannot end. */
    public static List<String> finish(LabBlock lab, List<String> played) {
        try {
            Simulation sim = Simulation.start(Scenario.byKey(lab.scenario()).orElseThrow(), lab.seed(),
                    Profile.byKey(lab.profile()).orElseThrow());
            for (String word : played) sim.apply(word);
            List<String> controls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Snapshot s = sim.snapshot();
                if (sim.actions().size() > lab.actions().size() && Goal.finished(lab.goals(), s)) return controls;
                String control = next(lab, s);
                controls.add(control);
                if (control.equals("end")) {
                    for (int n = 0; n < 400 && sim.hasPending(); n++) sim.apply("next");
                } else {
                    sim.apply(control);
                }
            }
            throw new AssertionError("the story of " + lab + " does not end: " + controls);
        } catch (BadActionException e) {
            throw new AssertionError(e);
        }
    }

    private static String next(LabBlock lab, Snapshot s) {
        if (s.pending()) return "end";
        if (s.client().state() == State.CLOSE_WAIT) return "close:client";
        if (s.server().state() == State.CLOSE_WAIT) return "close:server";
        boolean open = s.client().state() == State.ESTABLISHED && s.server().state() == State.ESTABLISHED;
        if (open && lab.goals().contains(Goal.CLOSED)) return "close:client";
        if (s.offered().stream().anyMatch(Connect.class::isInstance)) return "connect";
        throw new AssertionError("nothing a learner would do next in " + lab + " at " + s.actions());
    }
}
