package tcplab.ladder;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tcplab.bench.LadderBenchLabs;
import tcplab.export.ExportFixtures;
import tcplab.sim.Action;
import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;

import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** The ladder diagram: well-formed, accessible, styled by classes only, compact, and short in time. */
class LadderSvgTest {

    static final String[] FULL_RUN = {"connect", "next", "next", "next", "close:client", "next", "next",
            "close:server", "next", "next", "next"};

    static final LadderWords EN = Words.english();

    static Snapshot run(Scenario scenario, String... words) throws BadActionException {
        return Simulation.replay(scenario, null, Profile.LINUX, List.of(words));
    }

    static LabelLayout.Layout layout(Snapshot s) {
        return LabelLayout.layout(s, Geometry.WIDE, EN.resent());
    }

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
        String svg = LadderSvg.inline(s, EN.titled("Handshake & teardown <lab>"), Geometry.WIDE);
        assertFalse(svg.contains("style"), "the CSP forbids style attributes and elements");
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("img", root.getAttribute("role"));
        assertEquals("ladder ladder-wide", root.getAttribute("class"));
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
        String svg = LadderSvg.inline(s, EN, Geometry.WIDE);
        parse(svg);
        assertTrue(svg.contains("<g class=\"seg seg-client seg-lost\">"), svg);
        assertTrue(svg.contains("class=\"cross\""));
        assertTrue(svg.contains("<g class=\"seg seg-client seg-inflight seg-retx\">"));
        assertTrue(svg.contains("2 &lt;SEQ=100&gt;&lt;CTL=SYN&gt; (resent)"));
    }

    @Test
    void aChineseLadderSaysEveryWordInChinese() throws Exception {
        Snapshot s = run(Scenario.HANDSHAKE, "connect", "drop", "next", "next", "next");
        LadderWords zh = Words.of("zh");
        Document d = parse(LadderSvg.standalone(s, zh));
        String title = d.getElementsByTagName("title").item(0).getTextContent();
        assertEquals("TCP 实验室：handshake（connect, drop, next, next, next）", title);
        String desc = d.getElementsByTagName("desc").item(0).getTextContent();
        assertTrue(desc.startsWith("handshake 场景在 1.1 s 时的时序图：客户端最终处于 ESTABLISHED，服务器处于 SYN-RECEIVED。报文段 1，"), desc);
        assertTrue(desc.contains("报文段 2，从客户端到服务器，<SEQ=100><CTL=SYN>，重传，1 s 发送，1.05 s 送达。"), desc);
        String svg = LadderSvg.inline(s, zh, Geometry.NARROW);
        String text = parse(svg).getDocumentElement().getTextContent();
        // a short label, and what it leaves out (the whole notation and the fate) in its title
        assertTrue(text.contains("2 SYN (重传)"), text);
        Element resent = (Element) parse(svg).getDocumentElement().getElementsByTagName("g").item(1);
        assertEquals("报文段 2，从客户端到服务器，<SEQ=100><CTL=SYN>，重传，1 s 发送，1.05 s 送达。",
                resent.getElementsByTagName("title").item(0).getTextContent());
        assertTrue(text.contains("客户端") && text.contains("服务器"), "the lanes' headings");
        // what is left in Latin letters is RFC notation, state names, the scenario's key and units
        String words = svg.replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replaceAll("<[^>]*>", " ")
                .replaceAll("[A-Z][A-Z-]+[A-Z]|\\b(?:handshake|ms|s)\\b", " ");
        assertFalse(words.matches("(?s).*[A-Za-z]{2,}.*"), "English left in: " + words);
    }

    @Test
    void theNarrowLadderWithLinksMakesEachSegmentALinkNamedInFull() throws Exception {
        Snapshot s = run(Scenario.HANDSHAKE, "connect", "drop", "next", "next", "next");
        String svg = LadderSvg.inline(s, EN, Geometry.NARROW, n -> "/en/play/handshake/inspect?seg=" + n + "&x#lab-inspector");
        assertFalse(svg.contains("style"), "the CSP forbids style attributes and elements");
        Element root = parse(svg).getDocumentElement();
        // links inside role="img" would be hidden from a screen reader: the drawing is a group
        assertEquals("group", root.getAttribute("role"));
        NodeList links = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "a");
        assertEquals(s.segments().size(), links.getLength(), "one link per segment");
        Element lost = (Element) links.item(0);
        assertEquals("/en/play/handshake/inspect?seg=1&x#lab-inspector", lost.getAttribute("href"));
        assertEquals("seg-link", lost.getAttribute("class"));
        assertEquals("1", lost.getAttribute("data-seg"));
        assertEquals("<SEQ=100><CTL=SYN>", lost.getAttribute("data-notation"));
        Element name = (Element) lost.getFirstChild();
        assertEquals("title", name.getLocalName(), "the title first: it names the link");
        assertEquals("Segment 1, client to server, <SEQ=100><CTL=SYN>, sent at 0 ms, lost.", name.getTextContent());
        Element resent = (Element) links.item(1);
        assertEquals("Segment 2, client to server, <SEQ=100><CTL=SYN>, a retransmission, sent at 1 s, arrived at 1.05 s.",
                resent.getFirstChild().getTextContent());
        Element group = (Element) resent.getElementsByTagName("g").item(0);
        assertEquals("seg seg-client seg-retx", group.getAttribute("class"));
        assertEquals("hit", ((Element) group.getElementsByTagName("path").item(0)).getAttribute("class"), "a wide line for a finger");
        assertEquals("2 SYN (resent)", group.getElementsByTagName("text").item(0).getTextContent());
        // the headings, states and times are in the description; a screen reader meets only the links
        NodeList groups = root.getChildNodes();
        int quiet = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            if (groups.item(i) instanceof Element e && e.getLocalName().equals("g")) {
                assertEquals("true", e.getAttribute("aria-hidden"));
                quiet += e.getElementsByTagName("text").getLength();
            }
        }
        assertTrue(quiet >= 2 + 6 + 4, "lane headings, states and times hidden: " + quiet);
        // the wide drawing and a ladder without links stay images
        String both = LadderSvg.inline(s, EN, n -> "/x?seg=" + n);
        assertEquals(1, both.split("role=\"group\"", -1).length - 1);
        assertEquals(1, both.split("role=\"img\"", -1).length - 1);
        assertFalse(LadderSvg.inline(s, EN).contains("<a "), "no links without an inspector to lead to");
    }

    @Test
    void standaloneDocumentCarriesItsOwnStyles() throws Exception {
        Snapshot s = run(Scenario.SIMULTANEOUS_OPEN, "next", "next", "next", "next", "next", "next");
        String svg = LadderSvg.standalone(s, EN);
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
            parse(LadderSvg.inline(s, EN, Geometry.WIDE));
            parse(LadderSvg.standalone(s, EN));
        }
    }

    /** Where segments cross within a few milliseconds, played from the start: every moment a learner sees. */
    static Map<String, List<Snapshot>> crossingCases() throws BadActionException {
        Map<String, List<Snapshot>> cases = new LinkedHashMap<>();
        cases.put("lost SYN-ACK (both sides resend around 1.1 s)", steps(Scenario.HANDSHAKE, "connect", "next", "drop"));
        cases.put("simultaneous close", steps(Scenario.SIMULTANEOUS_CLOSE));
        cases.put("simultaneous open", steps(Scenario.SIMULTANEOUS_OPEN));
        cases.put("half-open, the client connects again", steps(Scenario.HALF_OPEN, "connect"));
        cases.put("old duplicate SYN", steps(Scenario.OLD_DUPLICATE_SYN));
        cases.put("two-way handshake", steps(Scenario.TWO_WAY_HANDSHAKE));
        cases.put("lost last ACK, the FIN resent", steps(Scenario.TEARDOWN, "close:client", "next", "next", "close:server", "next", "drop"));
        cases.put("data with every ACK lost", steps(Scenario.HANDSHAKE, "connect", "next", "next", "drop", "send:client:hello", "drop",
                "send:server:%E4%BD%A0%E5%A5%BD", "next", "drop", "next"));
        return cases;
    }

    /** The snapshot after each word, then after each {@code next} until nothing is pending. */
    static List<Snapshot> steps(Scenario scenario, String... words) throws BadActionException {
        Simulation sim = Simulation.start(scenario, null, Profile.LINUX);
        List<Snapshot> steps = new ArrayList<>();
        steps.add(sim.snapshot());
        for (String w : words) {
            sim.apply(w);
            steps.add(sim.snapshot());
        }
        for (int i = 0; i < 100 && sim.hasPending(); i++) {
            sim.apply("next");
            steps.add(sim.snapshot());
        }
        return steps;
    }

    /** What each label covers, as the shape the layout gives it. */
    static Area area(Box box) {
        Path2D.Double path = new Path2D.Double();
        double[][] corners = box.corners();
        path.moveTo(corners[0][0], corners[0][1]);
        for (int i = 1; i < 4; i++) path.lineTo(corners[i][0], corners[i][1]);
        path.closePath();
        return new Area(path);
    }

    /** Every pair of labels that share ground, and every label that leaves the space between the time lines. */
    static List<String> labelProblems(Snapshot s) {
        return labelProblems(s, Geometry.WIDE);
    }

    static List<String> labelProblems(Snapshot s, Geometry g) {
        return labelProblems(s, g, true);
    }

    /**
     * With {@code marks}, also every arrow that runs through a label (its own or another's), every
     * lost segment's ✕ and the dotted "now" line that touch one.
     */
    static List<String> labelProblems(Snapshot s, Geometry g, boolean marks) {
        LabelLayout.Layout layout = LabelLayout.layout(s, g, EN.resent());
        List<LabelLayout.Label> labels = layout.labels();
        List<String> problems = new ArrayList<>();
        List<Area> areas = labels.stream().map(l -> area(l.box())).toList();
        int now = layout.scale().y(s.time());
        for (int i = 0; i < labels.size(); i++) {
            int n = labels.get(i).n();
            for (int j = i + 1; j < labels.size(); j++) {
                if (!areas.get(i).getBounds2D().intersects(areas.get(j).getBounds2D())) continue;
                Area common = new Area(areas.get(i));
                common.intersect(areas.get(j));
                if (!common.isEmpty()) problems.add("labels " + n + " and " + labels.get(j).n() + " overlap");
            }
            if (marks) {
                Area label = areas.get(i);
                for (LabelLayout.Arrow a : layout.arrows()) {
                    // the arrow as drawn, 1.5 px wide: to where it arrived, would arrive, or was lost
                    if (crossesArea(label, a.x1(), a.y1(), a.ex(), a.ey(), 1.5)) {
                        problems.add(a.record().n() == n ? "label " + n + " sits on its own arrow" : "arrow " + a.record().n() + " runs through label " + n);
                    }
                    // the ✕ is 8 px across, drawn 2 px thick
                    if (a.lost() && label.intersects(a.ex() - 5, a.ey() - 5, 10, 10)) problems.add("label " + n + " touches the ✕ of " + a.record().n());
                }
                if (crossesArea(label, g.clientX(), now, g.serverX(), now, 1)) problems.add("the now line runs through label " + n);
            }
            for (double[] corner : labels.get(i).box().corners()) {
                if (corner[0] < g.clientX() || corner[0] > g.serverX()) {
                    problems.add("label " + n + " crosses a time line");
                    break;
                }
            }
        }
        return problems;
    }

    /** True when the line from (x1, y1) to (x2, y2), drawn {@code stroke} px wide, shares a point with the area. */
    static boolean crossesArea(Area area, double x1, double y1, double x2, double y2, double stroke) {
        double length = Math.hypot(x2 - x1, y2 - y1);
        double nx = -(y2 - y1) / length * stroke / 2, ny = (x2 - x1) / length * stroke / 2;
        Path2D.Double sliver = new Path2D.Double();
        sliver.moveTo(x1 + nx, y1 + ny);
        sliver.lineTo(x2 + nx, y2 + ny);
        sliver.lineTo(x2 - nx, y2 - ny);
        sliver.lineTo(x1 - nx, y1 - ny);
        sliver.closePath();
        Area common = new Area(area);
        common.intersect(new Area(sliver));
        return !common.isEmpty();
    }

    @Test
    void labelsOfSegmentsThatCrossNeverOverlap() throws Exception {
        for (var c : crossingCases().entrySet()) {
            for (Snapshot s : c.getValue()) {
                assertEquals(List.of(), labelProblems(s), c.getKey() + " at " + s.actions());
                String svg = LadderSvg.standalone(s, EN);
                assertEquals(svg, LadderSvg.standalone(s, EN), "the same lab, the same drawing");
                Document d = parse(svg);
                int height = Integer.parseInt(d.getDocumentElement().getAttribute("height"));
                for (LabelLayout.Label l : layout(s).labels()) {
                    assertTrue(l.box().bottom() < height, c.getKey() + ": label " + l.n() + " inside the picture");
                }
                // a label is text, read whole, on one line or two
                NodeList groups = d.getElementsByTagName("g");
                for (int i = 0; i < groups.getLength(); i++) {
                    assertEquals(LabelLayout.text(s.segment(i + 1), EN.resent()), groups.item(i).getTextContent());
                }
            }
        }
    }

    @Test
    void theLostSynAckLabsCrowdedMomentIsLaidOutApart() throws Exception {
        List<Snapshot> steps = crossingCases().get("lost SYN-ACK (both sides resend around 1.1 s)");
        Snapshot end = steps.get(steps.size() - 1);
        assertTrue(end.segments().size() >= 7 && end.segment(4).sentAt() == 1050 && end.segment(6).sentAt() == 1100,
                "segments 4 to 7 are sent within 50 ms of each other: " + end.segments());
        LabelLayout.Layout layout = layout(end);
        for (int i = 3; i < 7; i++) {
            for (int j = i + 1; j < 7; j++) {
                assertFalse(layout.labels().get(i).box().overlaps(layout.labels().get(j).box()), (i + 1) + " and " + (j + 1));
            }
        }
    }

    /** Issue 14 part 8: in simultaneous open, labels 5 and 6 overlapped each other and the dotted line at 150 ms. */
    @Test
    void simultaneousOpenLabelsFiveAndSixKeepClearOfEachOtherAndTheNowLine() throws Exception {
        int checked = 0;
        for (Snapshot s : steps(Scenario.SIMULTANEOUS_OPEN)) {
            if (s.segments().size() < 6) continue;
            for (Geometry g : new Geometry[] {Geometry.WIDE, Geometry.NARROW}) {
                LabelLayout.Layout layout = LabelLayout.layout(s, g, EN.resent());
                Area five = area(layout.labels().get(4).box()), six = area(layout.labels().get(5).box());
                Area common = new Area(five);
                common.intersect(six);
                assertTrue(common.isEmpty(), g.name() + " at " + s.time() + " ms: labels 5 and 6 overlap");
                int now = layout.scale().y(s.time());
                assertFalse(crossesArea(five, g.clientX(), now, g.serverX(), now, 1), g.name() + " at " + s.time() + " ms: the now line runs through 5");
                assertFalse(crossesArea(six, g.clientX(), now, g.serverX(), now, 1), g.name() + " at " + s.time() + " ms: the now line runs through 6");
                assertEquals(List.of(), labelProblems(s, g), g.name() + " at " + s.time() + " ms");
                if (s.time() == 150) checked++;
            }
        }
        assertTrue(checked >= 2, "the moments at 150 ms, wide and narrow, with six segments drawn: " + checked);
    }

    @Test
    void noLabelsOverlapInAnyScenarioAtAnyStep() throws Exception {
        int checked = 0;
        for (ExportFixtures.Case c : ExportFixtures.cases()) {
            List<String> words = c.words();
            for (int n = 0; n <= words.size(); n++) {
                Snapshot s = Simulation.replay(c.scenario(), null, Profile.LINUX, words.subList(0, n));
                assertEquals(List.of(), labelProblems(s), c.name() + " at " + s.actions());
                assertEquals(List.of(), labelProblems(s, Geometry.NARROW), c.name() + " on a phone at " + s.actions());
                checked++;
            }
        }
        // and wherever a learner may wander: seeded random walks over the actions on offer
        Random random = new Random(793);
        for (Profile profile : Profile.values()) {
            for (Scenario scenario : Scenario.values()) {
                for (int walk = 0; walk < 12; walk++) {
                    Simulation sim = Simulation.start(scenario, null, profile);
                    for (int step = 0; step < 40; step++) {
                        List<Action> offered = sim.snapshot().offered();
                        if (offered.isEmpty()) break;
                        sim.apply(offered.get(random.nextInt(offered.size())));
                        Snapshot s = sim.snapshot();
                        assertEquals(List.of(), labelProblems(s), scenario.key() + " " + profile.key() + " at " + s.actions());
                        assertEquals(List.of(), labelProblems(s, Geometry.NARROW), scenario.key() + " " + profile.key() + " on a phone at " + s.actions());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 8000, "moments checked: " + checked);
    }

    /**
     * Issue 15: a lab of hundreds of segments sent at once took a minute of CPU to lay out (each
     * label checked against every other, again for every spot tried and every pass). The work
     * now grows with the segments, not their cube, and the labels still never overlap.
     */
    @Test
    void theWorstLabARouteAcceptsIsLaidOutWithBoundedWork() throws Exception {
        for (var lab : LadderBenchLabs.worstLabs().entrySet()) {
            Snapshot s = lab.getValue();
            assertTrue(s.segments().size() > 200 || lab.getKey().equals("lossy") || lab.getKey().equals("mixed"),
                    lab.getKey() + ": " + s.segments().size() + " segments");
            for (Geometry g : new Geometry[] {Geometry.WIDE, Geometry.NARROW}) {
                long checks = LabelLayout.checks(s, g, EN.resent());
                assertTrue(checks <= LabelLayout.FULL_SEARCH_CHECKS + 500L * s.segments().size(),
                        lab.getKey() + " (" + g.name() + "): " + checks + " checks for " + s.segments().size() + " segments");
            }
            assertEquals(List.of(), labelProblems(s, Geometry.WIDE), lab.getKey());
            assertEquals(List.of(), labelProblems(s, Geometry.NARROW), lab.getKey() + " on a phone");
        }
    }

    @Test
    void aLongLabelSplitsBetweenFields() {
        assertEquals(List.of("4 <SEQ=300><ACK=101>", "<CTL=SYN,ACK> (resent)"),
                TextMetrics.twoLines("4 <SEQ=300><ACK=101><CTL=SYN,ACK> (resent)"));
        assertNull(TextMetrics.twoLines("no fields"));
        assertEquals(4, TextMetrics.columns("你好"));
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
