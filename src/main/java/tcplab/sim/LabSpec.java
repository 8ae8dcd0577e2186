package tcplab.sim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import tcplab.sim.host.BadSettingException;
import tcplab.sim.host.HostSettings;

/**
 * A lab as the contract addresses it: a scenario, a seed, a profile, host settings and the
 * actions played. A connection lab has a {@link Scenario} and no host settings; a host lab
 * (scenario {@code host}, CONTRACT.md "Host labs") has host settings and no connection
 * scenario. One value for every layer: the web's session labs and replay links, the exports,
 * the command line and the tests parse it from the contract's text, print it back as a URL
 * query, and replay it.
 */
public record LabSpec(Scenario scenario, Long seed, Profile profile, HostSettings host, List<String> actions) {

    private static final Pattern SEED = Pattern.compile("-?[0-9]{1,18}");

    public LabSpec {
        if ((scenario == null) == (host == null)) {
            throw new IllegalArgumentException("a lab is a connection lab (a scenario) or a host lab (host settings)");
        }
        if (profile == null) profile = Profile.byDefault();
        actions = List.copyOf(actions);
    }

    /** A connection lab. */
    public LabSpec(Scenario scenario, Long seed, Profile profile, List<String> actions) {
        this(scenario, seed, profile, null, actions);
    }

    /** A host lab (scenario {@code host}). */
    public static LabSpec hostLab(Long seed, Profile profile, HostSettings host, List<String> actions) {
        return new LabSpec(null, seed, profile, host == null ? HostSettings.DEFAULTS : host, actions);
    }

    public boolean isHostLab() {
        return host != null;
    }

    /** The contract's scenario name: a connection scenario's key, or {@code host}. */
    public String scenarioKey() {
        return isHostLab() ? HostLab.SCENARIO : scenario.key();
    }

    /** A value of the contract's text that is wrong: {@code key} names it (seed, profile), the message says why. */
    public static final class BadSpecException extends IllegalArgumentException {
        private final String key;
        private final String value;

        private final String messageKey;
        private final List<String> args;

        BadSpecException(String key, String value, String message, String messageKey, List<String> args) {
            super(message);
            this.key = key;
            this.value = value;
            this.messageKey = messageKey;
            this.args = args;
        }

        /** What is wrong, as a message key ({@code host.setting.out-of-range}…) a page says in its language. */
        public String messageKey() {
            return messageKey;
        }

        /** The arguments of {@link #messageKey()}. */
        public List<String> args() {
            return args;
        }

        public String key() {
            return key;
        }

        public String value() {
            return value;
        }
    }

    /**
     * The lab a URL query or a command line describes; absent or empty values take their
     * defaults. The actions are only split here: {@link #replay} says which word is wrong.
     */
    public static LabSpec parse(Scenario scenario, String actions, String seed, String profile) {
        return new LabSpec(scenario, seed(seed), profile(profile), actions(actions));
    }

    /**
     * The lab the contract's text describes, of either kind: {@code scenario} is {@code host} or a
     * connection scenario's name; {@code hostParams} ({@code backlog}, {@code keepalive},
     * {@code sysctl.NAME}) count for a host lab only. Empty when no scenario has that name.
     */
    public static Optional<LabSpec> parse(String scenario, String actions, String seed, String profile,
                                          Map<String, String> hostParams) {
        if (HostLab.SCENARIO.equals(scenario)) return Optional.of(parseHost(actions, seed, profile, hostParams));
        return Scenario.byKey(scenario).map(s -> parse(s, actions, seed, profile));
    }

    /**
     * A host lab from a URL query or lab block: besides actions, seed and profile, the keys
     * {@code backlog}, {@code keepalive} and {@code sysctl.NAME}; a bad one is named in the error.
     */
    public static LabSpec parseHost(String actions, String seed, String profile, Map<String, String> hostParams) {
        try {
            return hostLab(seed(seed), profile(profile), HostSettings.parse(hostParams), actions(actions));
        } catch (BadSettingException e) {
            throw new BadSpecException(e.key(), hostParams.get(e.key()), e.getMessage(), "host.setting." + e.problem().key(), e.args());
        }
    }

    /** Absent or empty: no seed (the RFC figures' ISNs). Otherwise a whole number. */
    public static Long seed(String text) {
        if (text == null || text.isEmpty()) return null;
        if (!SEED.matcher(text).matches()) {
            throw new BadSpecException("seed", text, "seed must be a whole number, not \"" + text + "\"", "host.setting.seed", List.of(text));
        }
        return Long.parseLong(text);
    }

    /** Absent or empty: {@code linux}. */
    public static Profile profile(String text) {
        if (text == null || text.isEmpty()) return Profile.byDefault();
        return Profile.byKey(text).orElseThrow(() ->
                new BadSpecException("profile", text, "profile must be linux or rfc, not \"" + text + "\"", "host.setting.profile", List.of(text)));
    }

    /** The contract's comma-separated word list; absent or empty: no actions. An empty word stays, to be rejected by position. */
    public static List<String> actions(String list) {
        if (list == null || list.isEmpty()) return List.of();
        return Arrays.asList(list.split(",", -1));
    }

    /** The actions as the contract writes them: words joined by commas. */
    public String actionsText() {
        return String.join(",", actions);
    }

    public LabSpec withActions(List<String> played) {
        return new LabSpec(scenario, seed, profile, host, played);
    }

    /**
     * The replay link's query: {@code actions=…}, then {@code seed} and {@code profile} when they
     * are not the defaults, then a host lab's settings that differ from Linux's defaults.
     */
    public String query() {
        // commas and colons may stand as they are in a query (RFC 3986 §3.4), so a shared link reads
        // connect,next,drop:3; a comma inside a word's text is already %2C there, and stays escaped
        String readable = URLEncoder.encode(actionsText(), StandardCharsets.UTF_8).replace("%2C", ",").replace("%3A", ":");
        StringBuilder q = new StringBuilder("actions=").append(readable);
        if (seed != null) q.append("&seed=").append(seed);
        if (profile != Profile.byDefault()) q.append("&profile=").append(profile.key());
        if (isHostLab()) {
            host.toParams().forEach((k, v) -> q.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        }
        return q.toString();
    }

    /** The lab before any action, whatever its kind. */
    public Lab open() {
        return isHostLab() ? HostLab.start(seed, profile, host) : Simulation.start(scenario, seed, profile);
    }

    /** The lab after its actions, whatever its kind; a word that cannot be applied is reported with its 1-based position. */
    public LabSnapshot play() throws BadActionException {
        Lab lab = open();
        for (String word : actions) lab.apply(word);
        return lab.snapshot();
    }

    /** A connection lab before any action. */
    public Simulation start() {
        if (isHostLab()) throw new IllegalStateException("a host lab: use startHost()");
        return Simulation.start(scenario, seed, profile);
    }

    /** A connection lab after its actions; a word that cannot be applied is reported with its position. */
    public Snapshot replay() throws BadActionException {
        if (isHostLab()) throw new IllegalStateException("a host lab: use replayHost()");
        return Simulation.replay(scenario, seed, profile, actions);
    }

    /** A host lab before any action. */
    public HostLab startHost() {
        if (!isHostLab()) throw new IllegalStateException("a connection lab: use start()");
        return HostLab.start(seed, profile, host);
    }

    /** A host lab after its actions; a word that cannot be applied is reported with its position. */
    public HostSnapshot replayHost() throws BadActionException {
        if (!isHostLab()) throw new IllegalStateException("a connection lab: use replay()");
        return HostLab.replay(seed, profile, host, actions);
    }
}
