package tcplab.web;

import tcplab.ladder.HostLadder;
import tcplab.lesson.Choice;
import tcplab.lesson.LabBlock;
import tcplab.lesson.Lesson;
import tcplab.lesson.PredictBlock;
import tcplab.lesson.Question;
import tcplab.sim.LabSpec;
import tcplab.web.lab.HostLabs;
import tcplab.web.lab.HostView;
import tcplab.web.lab.LabAddress;
import tcplab.web.lab.LabView;
import tcplab.web.session.Progress;

import java.util.List;
import java.util.Map;

/**
 * A host lab's view and HTML (templates/lab/host), wherever it sits: the playground
 * ({@code /{lang}/play/host}), a replay link, or a lesson's {@code scenario: host} block.
 */
final class HostLabHtml {

    /** One host lab a request is about. */
    record Spot(String lang, LabAddress address, HostLabs.Start start, String title, List<PredictBlock> predictions,
                String progressSlug, Lesson lesson, LabBlock block) {
        boolean inLesson() {
            return lesson != null;
        }
    }

    private final HostLabs labs;
    private final Views views;
    private final Messages messages;
    private final String publicUrl;

    HostLabHtml(HostLabs labs, Views views, Messages messages, String publicUrl) {
        this.labs = labs;
        this.views = views;
        this.messages = messages;
        this.publicUrl = publicUrl;
    }

    HostLabs labs() {
        return labs;
    }

    String title(String lang) {
        return messages.get(lang, "lab.title", messages.get(lang, "scenario.host"));
    }

    /** A lesson's host lab block. */
    Spot of(Lesson lesson, LabBlock block) {
        String title = block.title() != null ? block.title() : title(lesson.lang());
        return new Spot(lesson.lang(), LabAddress.lesson(lesson.slug(), block.index() + 1), new HostLabs.Start(block.spec()), title,
                block.predictions(), lesson.slug(), lesson, block);
    }

    /** The playground's host lab: its start keeps the settings the session's lab was started with. */
    Spot playground(String lang, LabSpec stored) {
        LabSpec start = stored != null && stored.isHostLab() ? stored.withActions(List.of()) : LabSpec.hostLab(null, null, null, List.of());
        return new Spot(lang, LabAddress.playground("host"), new HostLabs.Start(start), title(lang), List.of(), "play-host", null, null);
    }

    HostLabs.Lab current(String sid, Spot spot) {
        return labs.current(sid, spot.address(), spot.start());
    }

    HostView view(Spot spot, Progress progress, LabView.Notice notice, HostLabs.Lab lab, boolean readOnly) {
        String lang = spot.lang();
        List<String> actions = lab.record().actionList();
        PredictBlock due = null;
        LabView.Feedback feedback = null;
        for (PredictBlock p : spot.predictions()) {
            if (actions.equals(p.after())) due = p;
            Integer choice = progress.predictions().get(Progress.key(spot.progressSlug(), p.index()));
            if (choice != null && actions.size() == p.after().size() + 1 && actions.subList(0, p.after().size()).equals(p.after())
                    && actions.get(actions.size() - 1).equals("next")) {
                Question q = p.question();
                Choice c = q.choices().get(choice);
                feedback = new LabView.Feedback(q.text(), c.right(), c.text(), c.why(), q.choices().get(q.rightIndex()).text());
            }
        }
        String ladder = HostLadder.inline(lab.snapshot(), key -> messages.get(lang, key));
        return HostView.of(lang, messages, spot.address(), spot.title(), lab.version(), spot.start().spec(), lab.snapshot(), ladder,
                notice, due, feedback, publicUrl, readOnly);
    }

    String render(HostView view) {
        return views.fragment("lab/host", "lab", view.lang(), Map.of("v", view, "lang", view.lang()));
    }

    /** The lab's HTML; {@code lab} null for the session's current lab. */
    String html(Spot spot, String sid, Progress progress, LabView.Notice notice, HostLabs.Lab lab) {
        HostLabs.Lab shown = lab != null ? lab : current(sid, spot);
        return render(view(spot, progress, notice, shown, false));
    }
}
