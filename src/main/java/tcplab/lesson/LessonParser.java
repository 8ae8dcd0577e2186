package tcplab.lesson;

import org.commonmark.Extension;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.node.Code;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import tcplab.sim.BadActionException;
import tcplab.sim.Profile;
import tcplab.sim.HostLab;
import tcplab.sim.LabSpec;
import tcplab.sim.Scenario;
import tcplab.sim.host.HostSettings;
import tcplab.sim.Simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a lesson's Markdown into a {@link Lesson}: front matter, a table of contents from its
 * {@code ##} and {@code ###} headings, and the body split around its {@code lab},
 * {@code predict} and {@code quiz} blocks. Built once and reused; thread-safe.
 */
public final class LessonParser {

    private static final List<Extension> EXTENSIONS =
            List.of(YamlFrontMatterExtension.create(), TablesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    public Lesson parse(String lang, String slug, String markdown) {
        String file = lang + "/" + slug + ".md";
        Node document = parser.parse(markdown);

        var frontMatter = new YamlFrontMatterVisitor();
        document.accept(frontMatter);
        Map<String, List<String>> meta = frontMatter.getData();
        String title = required(meta, "title", file);
        String summary = required(meta, "summary", file);
        int order;
        try {
            order = Integer.parseInt(required(meta, "order", file));
        } catch (NumberFormatException e) {
            throw new LessonFormatException(file, "front matter", 0, "'order' must be a whole number");
        }

        Map<Node, String> ids = new IdentityHashMap<>();
        List<Lesson.Heading> toc = new ArrayList<>();
        IdGenerator idGenerator = IdGenerator.builder().defaultId("section").build();
        document.accept(new AbstractVisitor() {
            @Override public void visit(Heading heading) {
                String text = textOf(heading);
                String id = idGenerator.generateId(text);
                ids.put(heading, id);
                if (heading.getLevel() == 2 || heading.getLevel() == 3) {
                    toc.add(new Lesson.Heading(heading.getLevel(), id, text));
                }
            }
        });

        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    String id = ids.get(node);
                    if (id != null) attributes.put("id", id);
                })
                .build();

        List<Lesson.Part> parts = new ArrayList<>();
        StringBuilder html = new StringBuilder();
        List<LabBlock> labs = new ArrayList<>();
        Map<Integer, List<PredictBlock>> predictionsByLab = new LinkedHashMap<>();
        int predictions = 0;
        int quizzes = 0;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            String info = node instanceof FencedCodeBlock block ? block.getInfo().trim() : "";
            if (!info.equals("lab") && !info.equals("predict") && !info.equals("quiz")) {
                html.append(renderer.render(node));
                continue;
            }
            if (html.length() > 0) {
                parts.add(new Lesson.Html(html.toString()));
                html.setLength(0);
            }
            String body = ((FencedCodeBlock) node).getLiteral();
            // the line after the opening fence, counted from 1 as an editor does
            int firstLine = node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 2;
            switch (info) {
                case "lab" -> {
                    LabBlock lab = BlockSyntax.lab(new Place(file, "lab block " + (labs.size() + 1), firstLine), labs.size(), body);
                    labs.add(lab);
                    parts.add(lab);
                }
                case "predict" -> {
                    Place at = new Place(file, "predict block " + (predictions + 1), firstLine);
                    if (labs.isEmpty()) throw at.wrong(-1, "a predict block must follow a lab block");
                    LabBlock lab = labs.get(labs.size() - 1);
                    PredictBlock predict = BlockSyntax.predict(at, predictions++, lab, body);
                    predictionsByLab.computeIfAbsent(lab.index(), k -> new ArrayList<>()).add(predict);
                    parts.add(predict);
                }
                default -> parts.add(BlockSyntax.quiz(new Place(file, "quiz block " + (quizzes + 1), firstLine), quizzes++, body));
            }
        }
        if (html.length() > 0) parts.add(new Lesson.Html(html.toString()));

        // Each lab carries the predictions that belong to it, so the lab widget can ask them.
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof LabBlock lab) {
                parts.set(i, lab.withPredictions(predictionsByLab.getOrDefault(lab.index(), List.of())));
            }
        }
        return new Lesson(lang, slug, title, order, summary, toc, parts);
    }

    private static String required(Map<String, List<String>> meta, String key, String file) {
        List<String> values = meta.get(key);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            throw new LessonFormatException(file, "front matter", 0, "needs '" + key + "'");
        }
        return values.get(0).trim();
    }

    private static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override public void visit(Code c) {
                text.append(c.getLiteral());
            }
        });
        return text.toString();
    }

    /** A block of a lesson file, to say where a problem is: {@code firstLine} is the line after its opening fence. */
    record Place(String file, String block, int firstLine) {
        /** A problem on line {@code bodyLine} of the block's body (from 0), or on its opening fence when negative. */
        LessonFormatException wrong(int bodyLine, String problem) {
            return new LessonFormatException(file, block, bodyLine < 0 ? firstLine - 1 : firstLine + bodyLine, problem);
        }
    }

    /** A {@code key: value} line of a block and where it is in the block's body. */
    record Property(String value, int line) {}

    /**
     * The {@code key: value} and choice-line syntax of our fenced blocks, and the checks that
     * a block will work: known scenario, profile, goal and check; actions and each prediction's
     * {@code after} replay in the simulator.
     */
    static final class BlockSyntax {
        private BlockSyntax() {}

        static LabBlock lab(Place at, int index, String body) {
            Map<String, Property> props = properties(at, body, List.of("scenario", "profile", "seed", "actions", "goal", "title",
                    "backlog", "keepalive", HostSettings.SYSCTL_PREFIX + "*"));
            Property scenarioLine = props.get("scenario");
            List<String> scenarios = new ArrayList<>(Arrays.stream(Scenario.values()).map(Scenario::key).toList());
            scenarios.add(HostLab.SCENARIO);
            if (scenarioLine == null) throw at.wrong(-1, "needs 'scenario', one of " + scenarios);
            if (scenarioLine.value().equals(HostLab.SCENARIO)) return hostLab(at, index, props);
            for (Map.Entry<String, Property> e : props.entrySet()) {
                if (HostSettings.isHostKey(e.getKey())) throw at.wrong(e.getValue().line(), "'" + e.getKey() + "' is for host labs (scenario: host)");
            }
            Scenario scenario = Scenario.byKey(scenarioLine.value()).orElseThrow(() -> at.wrong(scenarioLine.line(),
                    "unknown scenario '" + scenarioLine.value() + "': one of " + scenarios));
            Profile profile = Profile.byDefault();
            Property profileLine = props.get("profile");
            if (profileLine != null) {
                profile = Profile.byKey(profileLine.value()).orElseThrow(() -> at.wrong(profileLine.line(),
                        "unknown profile '" + profileLine.value() + "': one of " + Arrays.stream(Profile.values()).map(Profile::key).toList()));
            }
            List<Goal> goals = goals(at, props.get("goal"), false);
            if (goals.isEmpty()) goals = Goal.of(scenario);
            Long seed = null;
            Property seedLine = props.get("seed");
            if (seedLine != null) {
                try {
                    seed = Long.parseLong(seedLine.value());
                } catch (NumberFormatException e) {
                    throw at.wrong(seedLine.line(), "seed must be a whole number, not '" + seedLine.value() + "'");
                }
            }
            List<String> actions = words(props.get("actions"));
            try {
                Simulation.replay(scenario, seed, profile, actions);
            } catch (BadActionException e) {
                throw at.wrong(props.get("actions").line(), "actions: " + e.getMessage());
            }
            String title = props.containsKey("title") ? props.get("title").value() : null;
            return new LabBlock(index, scenario.key(), profile.key(), seed, actions, goals, title, List.of());
        }

        /**
         * A host lab block: the host keys are checked as a replay link's are (known keys, Linux's
         * ranges; the error names the key), and its actions must replay.
         */
        private static LabBlock hostLab(Place at, int index, Map<String, Property> props) {
            // a lesson's host lab ends when what it sets going has played out, unless its block says otherwise
            List<Goal> goals = goals(at, props.get("goal"), true);
            if (goals.isEmpty()) goals = List.of(Goal.REST);
            Map<String, String> host = new LinkedHashMap<>();
            props.forEach((k, v) -> {
                if (HostSettings.isHostKey(k)) host.put(k, v.value());
            });
            String seed = props.containsKey("seed") ? props.get("seed").value() : null;
            String profile = props.containsKey("profile") ? props.get("profile").value() : null;
            List<String> actions = words(props.get("actions"));
            LabSpec spec;
            try {
                spec = LabSpec.parseHost(String.join(",", actions), seed, profile, host);
            } catch (LabSpec.BadSpecException e) {
                Property line = props.get(e.key());
                throw at.wrong(line == null ? -1 : line.line(), e.getMessage());
            }
            try {
                spec.replayHost();
            } catch (BadActionException e) {
                throw at.wrong(props.get("actions").line(), "actions: " + e.getMessage());
            }
            String title = props.containsKey("title") ? props.get("title").value() : null;
            return new LabBlock(index, HostLab.SCENARIO, spec.profile().key(), spec.seed(), actions, goals, title, List.of(), host);
        }

        /** The {@code goal:} line's goals (none without one); a host lab's can only be {@code rest}. */
        private static List<Goal> goals(Place at, Property goalLine, boolean hostLab) {
            List<Goal> allowed = Arrays.stream(Goal.values()).filter(g -> g.appliesTo(hostLab)).toList();
            List<Goal> goals = new ArrayList<>();
            for (String word : words(goalLine)) {
                Goal goal = Goal.byKey(word).filter(allowed::contains).orElseThrow(() -> at.wrong(goalLine.line(),
                        (hostLab ? "a host lab's goal can only be " : "goal must be one or more of ")
                                + allowed.stream().map(Goal::key).toList() + ", not '" + word + "'"));
                goals.add(goal);
            }
            return goals;
        }

        static PredictBlock predict(Place at, int index, LabBlock lab, String body) {
            Map<String, Property> props = new LinkedHashMap<>();
            List<Question> questions = questions(at, body, props, List.of("after", "check"));
            if (questions.size() != 1) throw at.wrong(-1, "a predict block asks exactly one question");
            Property check = props.get("check");
            if (check == null || !PredictBlock.CHECKS.contains(check.value())) {
                throw at.wrong(check == null ? -1 : check.line(), "'check' must be one of " + PredictBlock.CHECKS);
            }
            Property afterLine = props.get("after");
            if (afterLine == null) throw at.wrong(-1, "needs 'after': the lab's actions when the question is asked");
            List<String> after = words(afterLine);
            if (after.size() < lab.actions().size() || !after.subList(0, lab.actions().size()).equals(lab.actions())) {
                throw at.wrong(afterLine.line(), "'after' must start with the lab's own actions " + lab.actions());
            }
            boolean pending;
            try {
                pending = lab.spec().withActions(after).play().pending();
            } catch (BadActionException e) {
                throw at.wrong(afterLine.line(), "after: " + e.getMessage());
            }
            if (!pending) {
                throw at.wrong(afterLine.line(), "after " + after + " nothing is left to happen, so there is no next step to predict");
            }
            return new PredictBlock(index, lab.index(), after, check.value(), questions.get(0));
        }

        static QuizBlock quiz(Place at, int index, String body) {
            List<Question> questions = questions(at, body, new LinkedHashMap<>(), List.of());
            if (questions.isEmpty()) throw at.wrong(-1, "has no question ('q:' line)");
            return new QuizBlock(index, questions);
        }

        private static List<String> words(Property list) {
            if (list == null || list.value().isBlank()) return List.of();
            return Arrays.stream(list.value().split(",")).map(String::trim).filter(w -> !w.isEmpty()).toList();
        }

        private static Map<String, Property> properties(Place at, String body, List<String> keys) {
            Map<String, Property> props = new LinkedHashMap<>();
            String[] lines = body.split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank()) continue;
                int colon = line.indexOf(':');
                String key = colon < 0 ? "" : line.substring(0, colon).trim();
                boolean known = keys.contains(key) || key.startsWith(HostSettings.SYSCTL_PREFIX) && keys.contains(HostSettings.SYSCTL_PREFIX + "*");
                if (!known) throw at.wrong(i, "unexpected line '" + line.trim() + "': the keys are " + keys);
                if (props.containsKey(key)) throw at.wrong(i, "'" + key + "' is given twice");
                props.put(key, new Property(line.substring(colon + 1).trim(), i));
            }
            return props;
        }

        private static List<Question> questions(Place at, String body, Map<String, Property> props, List<String> keys) {
            List<Question> questions = new ArrayList<>();
            String text = null;
            int textLine = -1;
            List<Choice> choices = new ArrayList<>();
            String[] lines = (body + "\nq:").split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.isEmpty()) continue;
                if (line.startsWith("q:")) {
                    if (text != null) questions.add(question(at, textLine, text, choices));
                    text = line.substring(2).trim();
                    textLine = i;
                    choices = new ArrayList<>();
                } else if (line.startsWith("+ ") || line.startsWith("- ")) {
                    if (text == null) throw at.wrong(i, "a choice before its 'q:' line");
                    String rest = line.substring(2);
                    int bar = rest.indexOf(" | ");
                    if (bar < 0) throw at.wrong(i, "choice '" + rest + "' needs ' | ' and an explanation");
                    choices.add(new Choice(rest.substring(0, bar).trim(), line.startsWith("+"), rest.substring(bar + 3).trim()));
                } else {
                    int colon = line.indexOf(':');
                    String key = colon < 0 ? "" : line.substring(0, colon).trim();
                    if (text != null || !keys.contains(key)) throw at.wrong(i, "unexpected line '" + line + "'");
                    if (props.containsKey(key)) throw at.wrong(i, "'" + key + "' is given twice");
                    props.put(key, new Property(line.substring(colon + 1).trim(), i));
                }
            }
            return questions;
        }

        private static Question question(Place at, int line, String text, List<Choice> choices) {
            long right = choices.stream().filter(Choice::right).count();
            if (text.isEmpty() || choices.size() < 2 || right != 1) {
                throw at.wrong(line, "question '" + text + "' needs two or more choices, exactly one marked '+' (it has "
                        + choices.size() + ", " + right + " marked '+')");
            }
            return new Question(text, choices);
        }
    }
}
