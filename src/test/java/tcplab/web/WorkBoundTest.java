package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.support.TestSite;
import tcplab.web.lab.Labs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.1: every route caps the work of one request at the largest lab a learner can keep
 * ({@link Labs#MAX_ACTIONS} words). The attack was a ladder.svg URL of 540 sends from both sides
 * at once; its bench twin (bench/HardeningBench) measures the CPU of the worst lab each route accepts.
 */
class WorkBoundTest {

    static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    /** The shape: a handshake, then sends from both sides that all cross, {@code words} in all. */
    static List<String> crossingSends(int words) {
        List<String> actions = new ArrayList<>(List.of("connect", "next", "next", "next"));
        int sends = words - actions.size();
        actions.addAll(Collections.nCopies(sends / 2, "send:client:a"));
        actions.addAll(Collections.nCopies(sends - sends / 2, "send:server:a"));
        return actions;
    }

    /** The words as the URL wrote them (':' and ',' need no escaping in a query): 5.5 KB for 400. */
    static String actions(List<String> words) {
        return String.join(",", words);
    }

    @Test
    void everyExportRefusesMoreActionsThanALabKeeps() {
        String tooMany = "?seed=1&actions=" + actions(crossingSends(Labs.MAX_ACTIONS + 1));
        for (String export : List.of("trace.json", "capture.pcap", "ladder.svg")) {
            var response = site.get("/lab/free/" + export + tooMany);
            assertEquals(400, response.statusCode(), export);
            assertTrue(response.body().contains("at most " + Labs.MAX_ACTIONS + " actions"), export + ": " + response.body());
        }
    }

    @Test
    void theReplayPageAndThePlayOnFormRefuseMoreActionsThanALabKeeps() {
        String words = actions(crossingSends(Labs.MAX_ACTIONS + 1));
        var replay = site.get("/en/lab/free?seed=1&actions=" + words);
        assertEquals(400, replay.statusCode());
        assertTrue(replay.body().contains("at most 400"), "says why");
        var load = site.post("/en/play/free/load", Map.of("actions", String.join(",", crossingSends(Labs.MAX_ACTIONS + 1)), "seed", "1"));
        assertEquals(400, load.statusCode());
        assertTrue(load.headers().firstValue("Set-Cookie").isEmpty(), "a refused load makes no session");
    }

    @Test
    void theWorstLabEveryRouteAcceptsIsServed() {
        List<String> worst = crossingSends(Labs.MAX_ACTIONS);
        String query = "?seed=1&actions=" + actions(worst);
        for (String export : List.of("trace.json", "capture.pcap", "ladder.svg")) {
            assertEquals(200, site.get("/lab/free/" + export + query).statusCode(), export);
        }
        assertEquals(200, site.get("/en/lab/free" + query).statusCode());

        // played on, it is the session's lab: the inspector shows its segments, and it grows no further
        var load = site.post("/en/play/free/load", Map.of("actions", String.join(",", worst), "seed", "1"));
        assertEquals(303, load.statusCode());
        String cookie = load.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertEquals(200, site.get("/en/play/free/inspect?seg=200", "Cookie", cookie, "HX-Request", "true").statusCode());
        var more = site.post("/en/play/free", Map.of("do", "next", "version", "1"), "Cookie", cookie, "HX-Request", "true");
        assertEquals(400, more.statusCode(), "a lab keeps at most " + Labs.MAX_ACTIONS + " actions");
    }
}
