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
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import tcplab.sim.Scenario;

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

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

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
            throw new LessonFormatException(file, "front matter 'order' must be a number");
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
            switch (info) {
                case "lab" -> {
                    LabBlock lab = BlockSyntax.lab(file, labs.size(), body);
                    labs.add(lab);
                    parts.add(lab);
                }
                case "predict" -> {
                    if (labs.isEmpty()) throw new LessonFormatException(file, "a predict block must follow a lab block");
                    int lab = labs.size() - 1;
                    PredictBlock predict = BlockSyntax.predict(file, predictions++, lab, body);
                    predictionsByLab.computeIfAbsent(lab, k -> new ArrayList<>()).add(predict);
                    parts.add(predict);
                }
                default -> parts.add(BlockSyntax.quiz(file, quizzes++, body));
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
            throw new LessonFormatException(file, "front matter needs '" + key + "'");
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

    /** The {@code key: value} and choice-line syntax of our fenced blocks. */
    static final class BlockSyntax {
        private BlockSyntax() {}

        static LabBlock lab(String file, int index, String body) {
            Map<String, String> props = properties(file, "lab", body, List.of("scenario", "profile", "seed", "actions", "goal", "title"));
            String scenario = props.get("scenario");
            if (scenario == null) throw new LessonFormatException(file, "lab block " + (index + 1) + " needs 'scenario'");
            Scenario known = Scenario.byKey(scenario).orElseThrow(
                    () -> new LessonFormatException(file, "lab block " + (index + 1) + ": unknown scenario '" + scenario + "'"));
            List<Goal> goals = new ArrayList<>();
            for (String word : words(props.get("goal"))) {
                goals.add(Goal.byKey(word).orElseThrow(() -> new LessonFormatException(file,
                        "lab block " + (index + 1) + ": goal must be one or more of " + Arrays.stream(Goal.values()).map(Goal::key).toList())));
            }
            if (goals.isEmpty()) goals = Goal.of(known);
            Long seed = null;
            if (props.containsKey("seed")) {
                try {
                    seed = Long.parseLong(props.get("seed"));
                } catch (NumberFormatException e) {
                    throw new LessonFormatException(file, "lab block " + (index + 1) + ": seed must be a number");
                }
            }
            return new LabBlock(index, scenario, props.getOrDefault("profile", "linux"), seed,
                    words(props.get("actions")), goals, props.get("title"), List.of());
        }

        static PredictBlock predict(String file, int index, int lab, String body) {
            Map<String, String> props = new LinkedHashMap<>();
            List<Question> questions = questions(file, "predict", body, props, List.of("after", "check"));
            if (questions.size() != 1) throw new LessonFormatException(file, "a predict block asks exactly one question");
            String check = props.get("check");
            if (check == null || !PredictBlock.CHECKS.contains(check)) {
                throw new LessonFormatException(file, "predict block " + (index + 1) + ": 'check' must be one of " + PredictBlock.CHECKS);
            }
            if (!props.containsKey("after")) throw new LessonFormatException(file, "predict block " + (index + 1) + " needs 'after'");
            return new PredictBlock(index, lab, words(props.get("after")), check, questions.get(0));
        }

        static QuizBlock quiz(String file, int index, String body) {
            List<Question> questions = questions(file, "quiz", body, new LinkedHashMap<>(), List.of());
            if (questions.isEmpty()) throw new LessonFormatException(file, "quiz block " + (index + 1) + " has no question");
            return new QuizBlock(index, questions);
        }

        private static List<String> words(String list) {
            if (list == null || list.isBlank()) return List.of();
            return Arrays.stream(list.split(",")).map(String::trim).filter(w -> !w.isEmpty()).toList();
        }

        private static Map<String, String> properties(String file, String kind, String body, List<String> keys) {
            Map<String, String> props = new LinkedHashMap<>();
            for (String line : body.split("\n")) {
                if (line.isBlank()) continue;
                int colon = line.indexOf(':');
                String key = colon < 0 ? "" : line.substring(0, colon).trim();
                if (!keys.contains(key)) throw new LessonFormatException(file, kind + " block: unexpected line '" + line.trim() + "'");
                props.put(key, line.substring(colon + 1).trim());
            }
            return props;
        }

        private static List<Question> questions(String file, String kind, String body, Map<String, String> props, List<String> keys) {
            List<Question> questions = new ArrayList<>();
            String text = null;
            List<Choice> choices = new ArrayList<>();
            for (String raw : (body + "\nq:").split("\n")) {
                String line = raw.trim();
                if (line.isEmpty()) continue;
                if (line.startsWith("q:")) {
                    if (text != null) questions.add(question(file, kind, text, choices));
                    text = line.substring(2).trim();
                    choices = new ArrayList<>();
                } else if (line.startsWith("+ ") || line.startsWith("- ")) {
                    if (text == null) throw new LessonFormatException(file, kind + " block: a choice before its 'q:' line");
                    String rest = line.substring(2);
                    int bar = rest.indexOf(" | ");
                    if (bar < 0) throw new LessonFormatException(file, kind + " block: choice '" + rest + "' needs ' | ' and an explanation");
                    choices.add(new Choice(rest.substring(0, bar).trim(), line.startsWith("+"), rest.substring(bar + 3).trim()));
                } else {
                    int colon = line.indexOf(':');
                    String key = colon < 0 ? "" : line.substring(0, colon).trim();
                    if (text != null || !keys.contains(key)) {
                        throw new LessonFormatException(file, kind + " block: unexpected line '" + line + "'");
                    }
                    props.put(key, line.substring(colon + 1).trim());
                }
            }
            return questions;
        }

        private static Question question(String file, String kind, String text, List<Choice> choices) {
            long right = choices.stream().filter(Choice::right).count();
            if (text.isEmpty() || choices.size() < 2 || right != 1) {
                throw new LessonFormatException(file, kind + " question '" + text + "' needs two or more choices, exactly one marked '+'");
            }
            return new Question(text, choices);
        }
    }
}
