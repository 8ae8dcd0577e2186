package tcplab.ladder;

import org.junit.jupiter.api.Test;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host ladder's rows say true times and its labels touch nothing: a summarised row holds
 * segments of one send time only, and no label overlaps another label, an arrow, a ✕ or a lane
 * (the connection ladder's rule, LadderSvgTest), in the wide and the narrow drawing, zh and en.
 */
class HostLadderTest {

    /** The walk-through's lab: a 10,000-SYN flood, then a client connecting while the SYN-ACKs are resent. */
    static final String FLOOD = "flood:10000,next,connect:client,next,next,next,next,next,next,next,next";

    /** The site's messages in {@code lang}. */
    static java.util.function.Function<String, String> words(String lang) throws Exception {
        java.util.Properties messages = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("templates/i18n/messages_" + lang + ".properties"))) {
            messages.load(in);
        }
        return key -> {
            String value = messages.getProperty(key);
            if (value == null) throw new IllegalArgumentException("no message " + key);
            return value;
        };
    }

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
        String svg = HostLadder.standalone(s, words("en"));
        assertTrue(svg.contains("1.05 s 4,097 × SYN,ACK") && svg.contains("3.05 s 4,097 × SYN,ACK"), "each round on its own row");
    }

    @Test
    void noLabelTouchesAnotherLabelAnArrowOrALane() throws Exception {
        for (String actions : List.of(FLOOD, "connect:client,next,next,drop,next,next,connect:c2,next,next,next,accept,exit:client,next,next",
                "flood:20,connect:client,connect:c2,connect:c3,connect:c4,connect:c5,next,next,next,next,next,next,next")) {
            HostSnapshot s = replay(actions);
            for (String lang : List.of("en", "zh")) {
                String inline = HostLadder.inline(s, words(lang));
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
