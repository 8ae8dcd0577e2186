package tcplab.bench;

import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.web.lab.Labs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The worst labs for the ladder that a route accepts ({@link Labs#MAX_ACTIONS} words), for the bench and the layout's tests. */
public final class LadderBenchLabs {

    private LadderBenchLabs() {}

    public static Map<String, Snapshot> worstLabs() throws BadActionException {
        int room = Labs.MAX_ACTIONS - 4;
        Map<String, Snapshot> labs = new LinkedHashMap<>();
        List<String> burst = new ArrayList<>(List.of("connect", "next", "next", "next"));
        for (int i = 0; i < room / 2; i++) burst.add("send:client:a");
        for (int i = 0; i < room / 2; i++) burst.add("send:server:a");
        labs.put("burst", Simulation.replay(Scenario.FREE, 1L, Profile.LINUX, burst));
        List<String> crossing = new ArrayList<>(List.of("connect", "next", "next", "next"));
        for (int i = 0; i < room / 2; i++) crossing.addAll(List.of("send:client:a", "send:server:b"));
        labs.put("crossing", Simulation.replay(Scenario.FREE, 1L, Profile.LINUX, crossing));
        List<String> lossy = new ArrayList<>(List.of("connect", "next", "next", "next"));
        for (int i = 0; i < room / 2; i++) lossy.addAll(List.of("send:client:hello", "drop"));
        labs.put("lossy", Simulation.replay(Scenario.FREE, 1L, Profile.LINUX, lossy));
        List<String> steps = new ArrayList<>(List.of("connect", "next", "next", "next"));
        for (int i = 0; i < room / 2; i++) steps.addAll(List.of(i % 2 == 0 ? "send:client:hi" : "send:server:hi", "next"));
        labs.put("steps", Simulation.replay(Scenario.FREE, 1L, Profile.LINUX, steps));
        // a learner pressing buttons at random: sends from both sides, steps and drops, in a seeded order
        Random random = new Random(15);
        Simulation mixed = Simulation.start(Scenario.FREE, 1L, Profile.LINUX);
        mixed.apply("connect");
        List<String> buttons = List.of("send:client:GET", "send:server:OK", "next", "next", "drop");
        for (int words = 1; words < Labs.MAX_ACTIONS; ) {
            try {
                mixed.apply(buttons.get(random.nextInt(buttons.size())));
                words++;
            } catch (BadActionException e) {
                // nothing to step or drop now: press another
            }
        }
        labs.put("mixed", mixed.snapshot());
        return labs;
    }

}
