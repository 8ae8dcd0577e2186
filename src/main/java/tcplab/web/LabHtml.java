package tcplab.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tcplab.lesson.Choice;
import tcplab.lesson.PredictBlock;
import tcplab.lesson.Question;
import tcplab.sim.HostSnapshot;
import tcplab.sim.LabSnapshot;
import tcplab.sim.LabSpec;
import tcplab.sim.Snapshot;
import tcplab.web.lab.HostView;
import tcplab.web.lab.LabAddress;
import tcplab.web.lab.LabView;
import tcplab.web.lab.Labs;
import tcplab.web.lab.ShownLab;
import tcplab.web.session.Progress;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lab's view and its HTML, for either kind of lab wherever it sits (a lesson, the playground,
 * a replay link): a connection lab's {@link LabView} (templates/lab/lab) or a host lab's
 * {@link HostView} (templates/lab/host), with the prediction due or just answered. Rendering is
 * most of an action's cost, and many learners reach the same moment of the same lab, so
 * connection labs' renderings are cached by their view with the version set aside; the version
 * goes in at the slots the rendering left for it.
 */
final class LabHtml {

    /**
     * Draws the ladder diagram of a lab in a language, each segment of the phone's drawing a link
     * to {@code links.apply(n)}; the ladder package provides it.
     */
    interface LadderRenderer {
        String inline(LabSnapshot snapshot, String lang, java.util.function.IntFunction<String> links);
    }

    private final Labs labs;
    private final Views views;
    private final Messages messages;
    private final LadderRenderer ladder;
    /** The site's public address for share links, or empty: links from the site's root. */
    private final String publicUrl;
    /** Rendered labs by their view, version set aside (null in development, where templates change). */
    private final Cache<LabView, Rendered> renders;
    /** Ladder diagrams by language and lab (null in development). */
    private final Cache<LadderKey, String> ladders;
    /** Lab titles by language and scenario (null in development, where messages change). */
    private final Map<List<String>, String> titles;

    LabHtml(Labs labs, Views views, Messages messages, LadderRenderer ladder, boolean live, String publicUrl) {
        this.labs = labs;
        this.views = views;
        this.messages = messages;
        this.ladder = ladder;
        this.publicUrl = publicUrl;
        this.renders = live ? null : Caffeine.newBuilder().maximumWeight(16_000_000).executor(Runnable::run)
                .weigher((LabView key, Rendered r) -> key.ladder().length() + 3 * r.size()).build();
        this.ladders = live ? null : Caffeine.newBuilder().maximumWeight(8_000_000).executor(Runnable::run)
                .weigher((LadderKey key, String svg) -> 2 * svg.length()).build();
        this.titles = live ? null : new ConcurrentHashMap<>();
    }

    /** "Lab: the three-way handshake": the title of a lab without one of its own. Scenario keys are the simulator's, so few. */
    String labTitle(String lang, String scenario) {
        if (titles == null) return messages.get(lang, "lab.title", messages.get(lang, "scenario." + scenario));
        return titles.computeIfAbsent(List.of(lang, scenario), k -> messages.get(lang, "lab.title", messages.get(lang, "scenario." + scenario)));
    }

    /** The session's lab at this spot (its start without a session). */
    Labs.Lab current(String sid, LabSpot spot) {
        return labs.current(sid, spot.address(), spot.start());
    }

    /** The view of {@code lab} at {@code spot}, with the prediction due or just answered. */
    ShownLab view(LabSpot spot, Progress progress, LabView.Notice notice, Labs.Lab lab) {
        String lang = spot.lang();
        if (notice == null && lab.restarted()) notice = new LabView.Notice("info", messages.get(lang, "lab.notice.restarted"), true);
        Labs.Start start = spot.start();
        List<String> actions = lab.record().actionList();
        Asking asking = asking(spot, actions, progress);
        boolean finished = start.finishedBy(actions, lab.snapshot());
        if (lab.snapshot() instanceof HostSnapshot h) {
            return HostView.of(lang, messages, spot.address(), spot.title(), lab.version(), start.spec(), h, ladderOf(lang, spot.address(), lab),
                    notice, asking.due(), asking.feedback(), publicUrl, false, finished);
        }
        Snapshot before = null;
        if (actions.size() > start.actions().size()) {
            before = (Snapshot) labs.snapshot(lab.record().spec().withActions(actions.subList(0, actions.size() - 1)));
        }
        return LabView.of(lang, messages, spot.address(), spot.title(), lab, before, notice, asking.due(), asking.feedback(),
                ladderOf(lang, spot.address(), lab), false, publicUrl, finished);
    }

    /** The view with the header inspector open on segment {@code n} (1-based, known to exist). */
    ShownLab inspecting(LabSpot spot, Progress progress, Labs.Lab lab, int n) {
        ShownLab view = view(spot, progress, null, lab);
        if (view instanceof HostView h) return h.inspecting((HostSnapshot) lab.snapshot(), n);
        return ((LabView) view).inspecting((Snapshot) lab.snapshot(), n, messages);
    }

    /** The read-only view of a replay link's lab. */
    ShownLab replayView(String lang, Labs.Lab lab, Labs.Start start) {
        String key = start.spec().scenarioKey();
        LabAddress address = LabAddress.playground(key);
        boolean finished = start.finishedBy(lab.record().actionList(), lab.snapshot());
        if (lab.snapshot() instanceof HostSnapshot h) {
            return HostView.of(lang, messages, address, labTitle(lang, key), lab.version(), start.spec(), h, ladderOf(lang, null, lab),
                    null, null, null, publicUrl, true, finished);
        }
        return LabView.of(lang, messages, address, labTitle(lang, key), lab, null, null, null, null, ladderOf(lang, null, lab), true,
                publicUrl, finished);
    }

    /** The prediction due at these actions, and the one just answered (with the learner's choice), if any. */
    private record Asking(PredictBlock due, PredictBlock answered, Integer chosen) {
        /** The verdict on the prediction just answered, or null. */
        LabView.Feedback feedback() {
            if (answered == null) return null;
            Question q = answered.question();
            Choice c = q.choices().get(chosen);
            return new LabView.Feedback(q.text(), c.right(), c.text(), c.why(), q.choices().get(q.rightIndex()).text());
        }
    }

    private static Asking asking(LabSpot spot, List<String> actions, Progress progress) {
        PredictBlock due = null;
        PredictBlock answered = null;
        Integer chosen = null;
        for (PredictBlock p : spot.predictions()) {
            if (actions.equals(p.after())) due = p;
            Integer choice = progress.predictions().get(Progress.key(spot.progressSlug(), p.index()));
            if (choice != null && actions.size() == p.after().size() + 1 && actions.subList(0, p.after().size()).equals(p.after())
                    && actions.get(actions.size() - 1).equals("next")) {
                answered = p;
                chosen = choice;
            }
        }
        return new Asking(due, answered, chosen);
    }

    /** The lab's HTML; {@code lab} null for the session's current lab. Labs with a notice of the request's making are rendered afresh. */
    String html(LabSpot spot, String sid, Progress progress, LabView.Notice notice, Labs.Lab lab) {
        Labs.Lab shown = lab != null ? lab : current(sid, spot);
        ShownLab view = view(spot, progress, notice, shown);
        if (!(view instanceof LabView v) || renders == null || notice != null && !notice.fixed()) return render(view);
        return rendered(v).text(shown.version());
    }

    /** The same lab as UTF-8 bytes, for an htmx answer: no string to encode on the hot path. */
    byte[] bytes(LabSpot spot, Progress progress, Labs.Lab lab) {
        ShownLab view = view(spot, progress, null, lab);
        if (!(view instanceof LabView v) || renders == null) return render(view).getBytes(StandardCharsets.UTF_8);
        return rendered(v).bytes(lab.version());
    }

    /** The lab's region of its template: templates/lab/lab for a connection lab, templates/lab/host for a host lab. */
    String render(ShownLab view) {
        String template = view instanceof HostView ? "lab/host" : "lab/lab";
        return views.fragment(template, "lab", view.lang(), Map.of("v", view, "lang", view.lang()));
    }

    private Rendered rendered(LabView view) {
        LabView key = view.withoutVersion();
        Rendered rendered = renders.getIfPresent(key);
        if (rendered == null) {
            rendered = Rendered.of(render(key));
            renders.put(key, rendered);
        }
        return rendered;
    }

    /**
     * The lab's ladder in a language: a lab's actions draw the same ladder whatever its version.
     * Its segments link to the header inspector at the lab's address; a replay link's lab (address
     * null) has no inspector of its own, so its segments link nowhere.
     */
    private record LadderKey(String lang, tcplab.web.lab.LabAddress address, LabSpec spec) {}

    private String ladderOf(String lang, tcplab.web.lab.LabAddress address, Labs.Lab lab) {
        java.util.function.Function<LadderKey, String> draw = k -> ladder.inline(lab.snapshot(), lang,
                address == null ? null : n -> address.inspectUrl(lang, n));
        LadderKey key = new LadderKey(lang, address, lab.record().spec());
        return ladders == null ? draw.apply(key) : ladders.get(key, draw);
    }

    /** A rendered lab cut at its version slots, as text and as UTF-8. */
    record Rendered(String[] text, byte[][] utf8, int size) {
        static Rendered of(String html) {
            String[] parts = html.split(java.util.regex.Pattern.quote(LabView.VERSION_SLOT), -1);
            byte[][] bytes = new byte[parts.length][];
            int size = 0;
            for (int i = 0; i < parts.length; i++) {
                bytes[i] = parts[i].getBytes(StandardCharsets.UTF_8);
                size += bytes[i].length;
            }
            return new Rendered(parts, bytes, size);
        }

        String text(long version) {
            return String.join(LabView.versionField(version), text);
        }

        byte[] bytes(long version) {
            byte[] v = LabView.versionField(version).getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[size + v.length * (utf8.length - 1)];
            int at = 0;
            for (int i = 0; i < utf8.length; i++) {
                if (i > 0) {
                    System.arraycopy(v, 0, out, at, v.length);
                    at += v.length;
                }
                System.arraycopy(utf8[i], 0, out, at, utf8[i].length);
                at += utf8[i].length;
            }
            return out;
        }
    }
}
