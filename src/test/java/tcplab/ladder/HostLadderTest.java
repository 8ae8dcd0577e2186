package tcplab.ladder;

import org.junit.jupiter.api.Test;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSpec;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A host lab's ladder: on a phone each row one link to its headers, titled with the row in full;
 * a summarised row holds segments of one send time only; and no label overlaps another label,
 * an arrow, a ✕ or a lane (the connection ladder's rule, LadderSvgTest), wide and narrow, zh and en.
 */
class HostLadderTest {

    /** A client's handshake (#1–3), then a flood of 50 SYNs (#4–53) and the server's 50 SYN-ACKs (#54–103). */
    private static final HostSnapshot FLOODED = flooded();

    private static HostSnapshot flooded() {
        try {
            return LabSpec.parseHost("connect:client,next,next,next,flood:50,next", null, null, Map.of()).replayHost();
        } catch (tcplab.sim.BadActionException e) {
            throw new AssertionError(e);
        }
    }

    private static Function<String, String> messages(String lang) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("templates/i18n/messages_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return key -> {
            String value = p.getProperty(key);
            if (value == null) throw new IllegalArgumentException("no message " + key);
            return value;
        };
    }

    private static String narrow(String both) {
        return both.substring(both.indexOf("<svg", 1));
    }

    /** Each link of a drawing: its href and its title. */
    private static List<String[]> links(String svg) {
        Matcher m = Pattern.compile("<a class=\"seg-link\" href=\"([^\"]*)\" data-seg=\"(\\d+)\" data-notation=\"([^\"]*)\"><title>([^<]*)</title>")
                .matcher(svg);
        List<String[]> links = new ArrayList<>();
        while (m.find()) links.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        return links;
    }

    @Test
    void eachRowOfThePhonesDrawingLeadsToItsFirstSegmentsHeadersAndSaysItInFull() {
        String both = HostLadder.inline(FLOODED, messages("en"), n -> "/en/play/host/inspect?seg=" + n + "#lab-inspector");
        String wide = both.substring(0, both.indexOf("<svg", 1));
        assertFalse(wide.contains("<a "), "the wide drawing has whole labels and no links");
        String narrow = narrow(both);
        assertTrue(narrow.contains("role=\"group\""), "links are not hidden inside an image");
        List<String[]> links = links(narrow);
        assertEquals(List.of("1", "2", "3", "4", "54"), links.stream().map(l -> l[1]).toList(), "one link a row, a burst by its first");
        assertEquals("/en/play/host/inspect?seg=4#lab-inspector", links.get(3)[0]);
        String[] ack = links.get(2);
        assertTrue(ack[2].startsWith("ACK seq="), ack[2]);
        assertTrue(ack[3].startsWith("#3 100 ms client→server ") && ack[3].contains(ack[2]) && ack[3].endsWith(", arrived at 150 ms."), ack[3]);
        assertEquals("", links.get(3)[2], "a burst has no one notation");
        assertEquals("Segments #4–53: 50 × SYN attacker→server, all sent at 150 ms; “Show headers” shows the first.", links.get(3)[3]);
        assertEquals("Segments #54–103: 50 × SYN,ACK server→attacker, all sent at 200 ms; “Show headers” shows the first.", links.get(4)[3]);
        // the lanes' names are said by the links' titles and the description, not read out between them
        assertTrue(narrow.matches("(?s).*<g aria-hidden=\"true\"><path class=\"lane\".*"), narrow.substring(0, 400));

        String zh = narrow(HostLadder.inline(FLOODED, messages("zh"), n -> "/zh/play/host/inspect?seg=" + n + "#lab-inspector"));
        assertEquals("报文段 #4–53：50 个 SYN，attacker→server，都在 150 ms 发出；“查看首部”显示第一个。", links(zh).get(3)[3]);
        assertTrue(links(zh).get(2)[3].endsWith("，150 ms 送达。"), links(zh).get(2)[3]);
    }

    @Test
    void withoutLinksTheDrawingsAreImagesAsBefore() {
        String both = HostLadder.inline(FLOODED, messages("en"));
        assertFalse(both.contains("<a "));
        assertFalse(both.contains("role=\"group\""));
        assertFalse(HostLadder.standalone(FLOODED, messages("en")).contains("<a "));
    }


    /** The walk-through's lab: a 10,000-SYN flood, then a client connecting while the SYN-ACKs are resent. */
    static final String FLOOD = "flood:10000,next,connect:client,next,next,next,next,next,next,next,next";

    static HostSnapshot replay(String actions) throws Exception {
        return LabSpec.parseHost(actions, null, null, Map.of()).replayHost();
    }

    @Test
    void aSummarisedRowHoldsSegmentsOfOneSendTime() throws Exception {
        HostSnapshot s = replay(FLOOD);
        List<HostLadder.Row> rows = HostLadder.rows(s);
        int bursts = 0;
        for (HostLadder.Row r : rows) {
            if (!r.burst()) continue;
            bursts++;
            for (int n = r.firstN(); n <= r.lastN(); n++) {
                assertEquals(r.sentAt(), s.segments().get(n - 1).sentAt(), "segment " + n + " in the row of #" + r.firstN());
            }
        }
        assertTrue(bursts >= 4, "the flood, its SYN-ACKs and two rounds of resends: " + bursts);
        String svg = HostLadder.standalone(s, messages("en"));
        assertTrue(svg.contains("1.05 s 4,097 × SYN,ACK") && svg.contains("3.05 s 4,097 × SYN,ACK"), "each round on its own row");
    }

    @Test
    void noLabelTouchesAnotherLabelAnArrowOrALane() throws Exception {
        for (String actions : List.of(FLOOD, "connect:client,next,next,drop,next,next,connect:c2,next,next,next,accept,exit:client,next,next",
                "flood:20,connect:client,connect:c2,connect:c3,connect:c4,connect:c5,next,next,next,next,next,next,next")) {
            HostSnapshot s = replay(actions);
            for (String lang : List.of("en", "zh")) {
                String inline = HostLadder.inline(s, messages(lang));
                for (String svg : inline.split("(?=<svg )")) {
                    if (svg.isBlank()) continue;
                    List<String> problems = problems(svg);
                    assertTrue(problems.isEmpty(), lang + " " + actions + ": " + problems);
                }
            }
        }
    }

    private static final Pattern TEXT = Pattern.compile("<text class=\"(?:a-start|time-label a-start)\" x=\"([0-9.]+)\" y=\"([0-9.]+)\">([^<]*)</text>");
    private static final Pattern PATH = Pattern.compile("<path( class=\"(\\w+)\")? d=\"([^\"]+)\"/>");
    
    /** Overlaps between label boxes (as TextMetrics measures them) and every line drawn. */
    static List<String> problems(String svg) {
        Geometry g = svg.contains("ladder-narrow") ? Geometry.NARROW : Geometry.WIDE;
        List<double[]> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher t = TEXT.matcher(svg);
        while (t.find()) {
            String text = t.group(3).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            double x = Double.parseDouble(t.group(1));
            double y = Double.parseDouble(t.group(2));
            labels.add(new double[] {x, y - TextMetrics.ASCENT, x + TextMetrics.columns(text) * g.charWidth(), y + TextMetrics.DESCENT});
            names.add(text);
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                if (overlap(labels.get(i), labels.get(j), 0)) problems.add("labels '" + names.get(i) + "' and '" + names.get(j) + "'");
            }
        }
        Matcher p = PATH.matcher(svg);
        while (p.find()) {
            String cls = p.group(2);
            if ("hit".equals(cls)) continue; // a transparent band to tap, not drawn
            double half = "burst".equals(cls) ? 2.5 : 1;
            for (double[] line : lines(p.group(3))) {
                double[] band = {Math.min(line[0], line[2]) - half, Math.min(line[1], line[3]) - half,
                        Math.max(line[0], line[2]) + half, Math.max(line[1], line[3]) + half};
                for (int i = 0; i < labels.size(); i++) {
                    if (overlap(labels.get(i), band, 0) && crosses(line, labels.get(i), half)) {
                        problems.add((cls == null ? "arrow" : cls) + " " + java.util.Arrays.toString(line) + " over '" + names.get(i) + "'");
                    }
                }
            }
        }
        return problems;
    }

    /** The straight pieces of a path of M, L, V, H and relative l/m moves. */
    private static List<double[]> lines(String d) {
        List<double[]> out = new ArrayList<>();
        double x = 0, y = 0;
        Matcher m = Pattern.compile("([MLVHlm])([^MLVHlm]*)").matcher(d);
        while (m.find()) {
            String[] nums = m.group(2).trim().isEmpty() ? new String[0] : m.group(2).trim().split("[ ,]+|(?<=[0-9])(?=-)");
            switch (m.group(1)) {
                case "M" -> { x = Double.parseDouble(nums[0]); y = Double.parseDouble(nums[1]); }
                case "m" -> { x += Double.parseDouble(nums[0]); y += Double.parseDouble(nums[1]); }
                case "L" -> { double nx = Double.parseDouble(nums[0]), ny = Double.parseDouble(nums[1]); out.add(new double[] {x, y, nx, ny}); x = nx; y = ny; }
                case "l" -> { double nx = x + Double.parseDouble(nums[0]), ny = y + Double.parseDouble(nums[1]); out.add(new double[] {x, y, nx, ny}); x = nx; y = ny; }
                case "V" -> { double ny = Double.parseDouble(nums[0]); out.add(new double[] {x, y, x, ny}); y = ny; }
                case "H" -> { double nx = Double.parseDouble(nums[0]); out.add(new double[] {x, y, nx, y}); x = nx; }
                default -> { }
            }
        }
        return out;
    }

    /** Whether the segment, thickened by {@code half}, passes through the box (sampled finely). */
    private static boolean crosses(double[] l, double[] box, double half) {
        int steps = 400;
        for (int i = 0; i <= steps; i++) {
            double x = l[0] + (l[2] - l[0]) * i / steps;
            double y = l[1] + (l[3] - l[1]) * i / steps;
            if (x + half > box[0] && x - half < box[2] && y + half > box[1] && y - half < box[3]) return true;
        }
        return false;
    }

    private static boolean overlap(double[] a, double[] b, double pad) {
        return a[0] < b[2] + pad && b[0] < a[2] + pad && a[1] < b[3] + pad && b[1] < a[3] + pad;
    }
}
