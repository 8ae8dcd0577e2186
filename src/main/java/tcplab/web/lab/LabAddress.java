package tcplab.web.lab;

/**
 * Where a session lab lives: the n-th lab of a lesson (shared by both languages, so switching
 * language keeps it), or the playground lab of a scenario, where replay links lead.
 */
public record LabAddress(String slug, int number, String scenario) {

    public LabAddress {
        if (slug != null && (!isName(slug) || number < 1)) throw new IllegalArgumentException("bad lesson lab");
        if (slug == null && (scenario == null || !isName(scenario))) throw new IllegalArgumentException("bad playground lab");
    }

    /** Lower-case words of letters and digits joined by single hyphens, like {@code three-way-handshake}. */
    static boolean isName(String s) {
        if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-') return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' ? s.charAt(i - 1) == '-' : !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) return false;
        }
        return true;
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

    /** The header inspector open on segment {@code n}, in the page at the inspector (where the ladder's segments lead without JavaScript). */
    public String inspectUrl(String lang, int n) {
        return actionUrl(lang) + "/inspect?seg=" + n + "#" + anchor() + "-inspector";
    }

    /** The page that shows the lab, at the lab. */
    public String pageUrl(String lang) {
        return (inLesson() ? "/" + lang + "/lessons/" + slug : "/" + lang + "/play/" + scenario) + "#" + anchor();
    }
}
