package tcplab.export;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tcplab.sim.Scenario;
import tcplab.sim.Snapshot;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;
import static tcplab.export.PcapTest.run;

/** The ladder diagram: well-formed, accessible, styled by classes only, compact, and short in time. */
class LadderSvgTest {

    static final String[] FULL_RUN = {"connect", "next", "next", "next", "close:client", "next", "next",
            "close:server", "next", "next", "next"};

    static Document parse(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static int gzipSize(String text) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.size();
    }

    @Test
    void inlineSvgIsAccessibleAndUsesClassesOnly() throws Exception {
        Snapshot s = run(Scenario.HANDSHAKE, FULL_RUN);
        String svg = LadderSvg.inline(s, "Handshake & teardown <lab>");
        assertFalse(svg.contains("style"), "the CSP forbids style attributes and elements");
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("img", root.getAttribute("role"));
        assertEquals("ladder", root.getAttribute("class"));
        assertTrue(root.getAttribute("viewBox").startsWith("0 0 640 "));
        assertEquals("title", ((Element) root.getElementsByTagName("title").item(0)).getTagName());
        assertEquals("Handshake & teardown <lab>", root.getElementsByTagName("title").item(0).getTextContent());
        String desc = root.getElementsByTagName("desc").item(0).getTextContent();
        assertTrue(desc.contains("Segment 1, client to server, <SEQ=100><CTL=SYN>, sent at 0 ms, arrived at 50 ms."), desc);
        NodeList groups = root.getElementsByTagName("g");
        assertEquals(7, groups.getLength(), "one group per segment");
        assertEquals("seg seg-client", ((Element) groups.item(0)).getAttribute("class"));
        assertEquals("1 <SEQ=100><CTL=SYN>", groups.item(0).getTextContent());
        assertEquals("seg seg-server", ((Element) groups.item(1)).getAttribute("class"));
        for (String label : new String[] {"SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2",
                "CLOSE-WAIT", "LAST-ACK", "TIME-WAIT", "CLOSED"}) {
            assertTrue(svg.contains("class=\"state-label\"") && svg.contains(">" + label + "<"), label);
        }
        assertTrue(svg.contains("class=\"time-break\""), "the 60 s of TIME-WAIT are a break");
        assertTrue(svg.contains(">60.3 s<"));
        int height = Integer.parseInt(root.getAttribute("viewBox").split(" ")[3]);
        assertTrue(height < 600, "compressed time: " + height);
        assertTrue(gzipSize(svg) < 2000, "compact: " + gzipSize(svg));
    }

    @Test
    void lostInFlightAndResentSegmentsAreMarked() throws Exception {
        Snapshot s = run(Scenario.HANDSHAKE, "connect", "drop", "next");
        String svg = LadderSvg.inline(s, "t");
        parse(svg);
        assertTrue(svg.contains("<g class=\"seg seg-client seg-lost\">"), svg);
        assertTrue(svg.contains("class=\"cross\""));
        assertTrue(svg.contains("<g class=\"seg seg-client seg-inflight seg-retx\">"));
        assertTrue(svg.contains("2 &lt;SEQ=100&gt;&lt;CTL=SYN&gt; (resent)"));
    }

    @Test
    void standaloneDocumentCarriesItsOwnStyles() throws Exception {
        Snapshot s = run(Scenario.SIMULTANEOUS_OPEN, "next", "next", "next", "next", "next", "next");
        String svg = LadderSvg.standalone(s);
        assertTrue(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
        Document d = parse(svg);
        assertEquals(1, d.getElementsByTagName("style").getLength());
        assertTrue(d.getElementsByTagName("style").item(0).getTextContent().contains(".seg-client path{stroke:#0b5cad}"));
        assertEquals("640", d.getDocumentElement().getAttribute("width"));
        assertEquals("bg", ((Element) d.getElementsByTagName("rect").item(0)).getAttribute("class"));
        assertEquals("TCP Lab: simultaneous-open (next, next, next, next, next, next)",
                d.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void everyScenarioRendersWellFormed() throws Exception {
        for (Scenario scenario : Scenario.values()) {
            Snapshot s = ExportFixtures.playedOut(scenario);
            parse(LadderSvg.inline(s, scenario.key()));
            parse(LadderSvg.standalone(s));
        }
    }

    @Test
    void timesReadNaturally() {
        assertEquals("0 ms", LadderSvg.time(0));
        assertEquals("950 ms", LadderSvg.time(950));
        assertEquals("1 s", LadderSvg.time(1000));
        assertEquals("1.05 s", LadderSvg.time(1050));
        assertEquals("131.05 s", LadderSvg.time(131_050));
    }
}
