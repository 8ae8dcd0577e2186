package tcplab.web.lab;

import java.util.regex.Pattern;

/**
 * Where a session lab lives: the n-th lab of a lesson (shared by both languages, so switching
 * language keeps it), or the playground lab of a scenario, where replay links lead.
 */
public record LabAddress(String slug, int number, String scenario) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public LabAddress {
        if (slug != null && (!NAME.matcher(slug).matches() || number < 1)) throw new IllegalArgumentException("bad lesson lab");
        if (slug == null && (scenario == null || !NAME.matcher(scenario).matches())) throw new IllegalArgumentException("bad playground lab");
    }

    public static LabAddress lesson(String slug, int number) {
        return new LabAddress(slug, number, null);
    }

    public static LabAddress playground(String scenario) {
        return new LabAddress(null, 0, scenario);
    }

    public boolean inLesson() {
        return slug != null;
    }

    /** The key of this lab in the learner's session. */
    public String sessionKey() {
        return inLesson() ? slug + "#" + number : "play:" + scenario;
    }

    public String anchor() {
        return inLesson() ? "lab-" + number : "lab";
    }

    /** Where the lab's forms post. */
    public String actionUrl(String lang) {
        return inLesson() ? "/" + lang + "/lessons/" + slug + "/labs/" + number : "/" + lang + "/play/" + scenario;
    }

    /** The page that shows the lab, at the lab. */
    public String pageUrl(String lang) {
        return (inLesson() ? "/" + lang + "/lessons/" + slug : "/" + lang + "/play/" + scenario) + "#" + anchor();
    }
}
