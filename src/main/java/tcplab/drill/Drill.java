package tcplab.drill;

import tcplab.sim.LabSpec;
import tcplab.sim.Side;

import java.util.List;
import java.util.Optional;

/**
 * One generated question about one moment of a lab, with its answer and explanation, both
 * read off the simulator. {@code reveal} is what happens after the moment, up to the event
 * that shows the answer; {@code side} is the side asked about (null when the question names none).
 * A host-lab drill names what it asks about in {@code subject} instead: the queue
 * ({@code synQueue}, {@code acceptQueue}), the host whose counters are read, or the
 * application ({@code HOST} or {@code HOST/K}) whose calls are read; null for connection drills.
 *
 * @param typed true when the learner types the answer (a time in milliseconds) instead of choosing;
 *              the options still name the misconception behind a typed wrong number
 */
public record Drill(DrillId id, LabSpec moment, List<String> reveal, Side side, String subject, Text question,
                    boolean typed, List<Option> options, Text explanation) {

    public Drill {
        reveal = List.copyOf(reveal);
        options = List.copyOf(options);
        if (options.stream().filter(Option::isRight).count() != 1) throw new IllegalArgumentException("one right option");
        if (options.stream().map(Option::value).distinct().count() != options.size()) {
            throw new IllegalArgumentException("two equal options in " + id);
        }
    }

    public Option answer() {
        return options.stream().filter(Option::isRight).findFirst().orElseThrow();
    }

    /** The moment that shows the answer. */
    public LabSpec revealed() {
        List<String> all = new java.util.ArrayList<>(moment.actions());
        all.addAll(reveal);
        return moment.withActions(all);
    }

    /** The replay link that opens the lab on the moment asked about: {@code /{lang}/lab/{scenario}?…}. */
    public String momentPath(String lang) {
        return path(moment, lang);
    }

    /** The replay link of the moment that shows the answer. */
    public String revealedPath(String lang) {
        return path(revealed(), lang);
    }

    private static String path(LabSpec spec, String lang) {
        return "/" + lang + "/lab/" + spec.scenarioKey() + "?" + spec.query();
    }

    /** The option a learner's answer picks: by value, or for a typed drill by the number typed. */
    public Optional<Option> chosen(String given) {
        if (given == null) return Optional.empty();
        String value = typed ? normalizeNumber(given) : given.trim();
        return options.stream().filter(o -> o.value().equals(value)).findFirst();
    }

    /** Whether a learner's answer is right. */
    public boolean isRight(String given) {
        return chosen(given).map(Option::isRight).orElse(false);
    }

    /** A typed whole number of milliseconds (spaces and a trailing "ms" allowed), or "" when it is none. */
    static String normalizeNumber(String given) {
        String s = given.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.endsWith("ms")) s = s.substring(0, s.length() - 2).trim();
        s = s.replace(" ", "").replace("_", "");
        if (!s.matches("[0-9]{1,10}")) return "";
        return Long.toString(Long.parseLong(s));
    }
}
