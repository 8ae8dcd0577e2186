package tcplab.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.support.Learner;
import tcplab.support.TestSite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A card in flight says both lengths honestly: SEG.LEN, which counts a SYN or a FIN as one
 * (RFC 9293 §3.4), and the payload length, the "len" of a capture and of the trace JSON.
 */
class InFlightCardTest {

    private static final Pattern LENGTHS = Pattern.compile("<span title=\"[^\"]*\">([^<]*)</span>");
    private static TestSite site;

    @BeforeAll static void start() {
        site = new TestSite();
    }

    @AfterAll static void stop() {
        site.close();
    }

    @Test
    void aSynOccupiesOneSequenceNumberAndCarriesNoData() {
        // a lab is kept per lesson and position in both languages: one learner per language
        assertEquals(List.of("SEG.LEN 1 · payload length 0"), lengths(new Learner(site).press("/en/lessons/three-way-handshake/labs/1", "connect")));
        assertEquals(List.of("SEG.LEN 1 · 数据长度 0"), lengths(new Learner(site).press("/zh/lessons/three-way-handshake/labs/1", "connect")));
    }

    @Test
    void dataCountsOncePerByteAndAFinOnce() {
        Learner learner = new Learner(site);
        assertEquals(List.of("SEG.LEN 1 · payload length 0"), lengths(learner.press("/en/lessons/four-way-teardown/labs/1", "close:client")));
        // the half-close lab starts with the client's FIN acknowledged; the server sends "bye"
        String html = learner.post(site, "/en/lessons/four-way-teardown/labs/2",
                Map.of("do", "send:server", "text", "bye", "version", "0"), "HX-Request", "true").body();
        assertEquals(List.of("SEG.LEN 3 · payload length 3"), lengths(html));
    }

    private static List<String> lengths(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = LENGTHS.matcher(html);
        while (m.find()) found.add(m.group(1));
        return found;
    }
}
