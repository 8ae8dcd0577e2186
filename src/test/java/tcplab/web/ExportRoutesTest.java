package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.ladder.LadderSvg;
import tcplab.ladder.Words;
import tcplab.export.Pcap;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.export.TraceJson;
import tcplab.support.Json;
import tcplab.support.TestSite;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The export URLs over HTTP: each format of a replayed lab, and every bad query's answer. */
class ExportRoutesTest {

    static final List<String> HANDSHAKE = List.of("connect", "next", "next", "next");
    static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    static String query(List<String> words) {
        return "?actions=" + URLEncoder.encode(String.join(",", words), StandardCharsets.UTF_8);
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    @Test
    void traceJsonIsTheContractsJson() throws Exception {
        var response = site.get("/lab/handshake/trace.json" + query(HANDSHAKE));
        assertEquals(200, response.statusCode());
        assertTrue(header(response, "Content-Type").startsWith("application/json"));
        assertEquals(TraceJson.of(Simulation.replay(Scenario.HANDSHAKE, null, Profile.LINUX, HANDSHAKE)), response.body());

        var chinese = site.get("/lab/handshake/ladder.svg" + query(HANDSHAKE) + "&lang=zh");
        assertEquals(200, chinese.statusCode());
        assertEquals(LadderSvg.standalone(Simulation.replay(Scenario.HANDSHAKE, null, Profile.LINUX, HANDSHAKE), Words.of("zh")),
                chinese.body(), "lang=zh: the diagram's words in Chinese");
        assertEquals(400, site.get("/lab/handshake/ladder.svg" + query(HANDSHAKE) + "&lang=fr").statusCode());
    }

    @Test
    void theLabsDownloadedLadderSpeaksThePagesLanguage() throws Exception {
        for (String lang : List.of("zh", "en")) {
            String page = site.get("/" + lang + "/lab/handshake" + query(HANDSHAKE)).body();
            var link = java.util.regex.Pattern.compile("href=\"(/lab/handshake/ladder\\.svg\\?[^\"]*)\"").matcher(page);
            assertTrue(link.find(), lang + ": the download link");
            String url = link.group(1).replace("&amp;", "&");
            assertTrue(url.endsWith("&lang=" + lang), url);
            assertEquals(LadderSvg.standalone(Simulation.replay(Scenario.HANDSHAKE, null, Profile.LINUX, HANDSHAKE), Words.of(lang)),
                    site.get(url).body(), lang);
        }
    }

    @Test
    void seedAndProfileAreHonoured() throws Exception {
        var response = site.get("/lab/handshake/trace.json?actions=connect&seed=7&profile=rfc");
        assertEquals(200, response.statusCode());
        Map<String, Object> trace = Json.object(response.body());
        assertEquals(7L, trace.get("seed"));
        assertEquals("rfc", trace.get("profile"));
        assertEquals(TraceJson.of(Simulation.replay(Scenario.HANDSHAKE, 7L, Profile.RFC, List.of("connect"))), response.body());
    }

    @Test
    void sentTextIsPercentEncodedInsideTheWordAndTheListIsUrlEncoded() {
        // the word send:client:GET%20%2F, URL-encoded as part of the list
        var response = site.get("/lab/handshake/trace.json?actions=connect,next,next,send:client:GET%2520%252F,next");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"data\":\"GET /\""), response.body());
    }

    @Test
    void captureIsThePcapOfTheRequestedSide() throws Exception {
        Snapshot s = Simulation.replay(Scenario.HANDSHAKE, null, Profile.LINUX, HANDSHAKE);
        for (Side at : Side.values()) {
            var response = site.getBytes("/lab/handshake/capture.pcap" + query(HANDSHAKE) + "&at=" + at.key());
            assertEquals(200, response.statusCode());
            assertEquals("application/vnd.tcpdump.pcap", header(response, "Content-Type"));
            assertEquals("attachment; filename=\"tcplab-handshake-" + at.key() + ".pcap\"", header(response, "Content-Disposition"));
            assertArrayEquals(Pcap.capture(s, at), response.body());
        }
        var byDefault = site.getBytes("/lab/handshake/capture.pcap" + query(HANDSHAKE));
        assertArrayEquals(Pcap.capture(s, Side.CLIENT), byDefault.body(), "at defaults to the client");
    }

    @Test
    void ladderIsTheStandaloneSvgWithAPolicyThatLetsItsStylesApply() throws Exception {
        var response = site.get("/lab/handshake/ladder.svg" + query(HANDSHAKE));
        assertEquals(200, response.statusCode());
        assertTrue(header(response, "Content-Type").startsWith("image/svg+xml"));
        assertEquals("inline; filename=\"tcplab-handshake.svg\"", header(response, "Content-Disposition"));
        assertEquals(ExportRoutes.SVG_CSP, header(response, "Content-Security-Policy"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals(LadderSvg.standalone(Simulation.replay(Scenario.HANDSHAKE, null, Profile.LINUX, HANDSHAKE), Words.english()), response.body());
    }

    @Test
    void aBadActionIsA400NamingTheWordAndItsPosition() {
        var json = site.get("/lab/handshake/trace.json?actions=connect,next,bogus,next");
        assertEquals(400, json.statusCode());
        assertTrue(header(json, "Content-Type").startsWith("application/json"));
        Map<String, Object> error = Json.object(json.body());
        assertEquals(3L, error.get("position"));
        assertEquals("bogus", error.get("word"));
        assertEquals("action 3 \"bogus\" is not an action", error.get("error"));

        var pcap = site.get("/lab/handshake/capture.pcap?actions=next");
        assertEquals(400, pcap.statusCode());
        assertTrue(header(pcap, "Content-Type").startsWith("text/plain"));
        assertEquals("Bad action list: action 1 \"next\" has nothing to process: no segment in flight, timer or scripted call\n", pcap.body());

        var svg = site.get("/lab/handshake/ladder.svg?actions=connect,drop:9");
        assertEquals(400, svg.statusCode());
        assertTrue(svg.body().contains("action 2 \"drop:9\""), svg.body());

        var empty = site.get("/lab/handshake/trace.json?actions=connect,,next");
        assertEquals(400, empty.statusCode());
        assertEquals(2L, Json.object(empty.body()).get("position"));
    }

    @Test
    void anUnknownScenarioIsA404() {
        for (String path : List.of("/lab/nope/trace.json", "/lab/nope/capture.pcap", "/lab/nope/ladder.svg", "/lab/HANDSHAKE/trace.json")) {
            var response = site.get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.body().startsWith("No such scenario: "), response.body());
        }
    }

    @Test
    void badSeedProfileOrCapturePointIsA400() {
        var seed = site.get("/lab/handshake/trace.json?seed=abc");
        assertEquals(400, seed.statusCode());
        assertEquals("seed must be a whole number, not \"abc\"", Json.object(seed.body()).get("error"));
        var profile = site.get("/lab/handshake/ladder.svg?profile=bsd");
        assertEquals(400, profile.statusCode());
        assertEquals("profile must be linux or rfc, not \"bsd\"\n", profile.body());
        var at = site.get("/lab/handshake/capture.pcap?at=router");
        assertEquals(400, at.statusCode());
        assertEquals("at must be client or server, not \"router\"\n", at.body());
    }
}
