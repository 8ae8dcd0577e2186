package tcplab.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import tcplab.export.Pcap;
import tcplab.export.TraceJson;
import tcplab.ladder.Ladders;
import tcplab.sim.BadActionException;
import tcplab.sim.LabSnapshot;
import tcplab.sim.HostLab;
import tcplab.sim.LabSpec;
import tcplab.sim.host.HostSettings;
import tcplab.web.lab.Labs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's export URLs, for connection labs and host labs alike: a lab rebuilt from its
 * query ({@code actions}, {@code seed}, {@code profile}, and a host lab's {@code backlog},
 * {@code keepalive}, {@code sysctl.NAME}) as trace JSON, a packet capture ({@code at} a side or
 * a host) or a standalone ladder diagram (its words in English, or in the language
 * {@code lang=zh|en} names).
 * An unknown scenario is a 404; a bad seed, profile, host key, capture point or action list a
 * 400 whose message names the offending value (for actions, the word and its 1-based position;
 * for a spec value, its key), and so is a list longer than a lab keeps ({@link Labs#MAX_ACTIONS}).
 */
public final class ExportRoutes {

    static final String PCAP = "application/vnd.tcpdump.pcap";
    static final String SVG = "image/svg+xml";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";
    /** The standalone SVG styles itself with its own {@code <style>}; it has no scripts. */
    static final String SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private final Messages messages;

    public ExportRoutes(Messages messages) {
        this.messages = messages;
    }

    public void register(RoutesConfig routes) {
        routes.get("/lab/{scenario}/trace.json", this::trace);
        routes.get("/lab/{scenario}/capture.pcap", this::capture);
        routes.get("/lab/{scenario}/ladder.svg", this::ladder);
    }

    void trace(Context ctx) {
        replay(ctx, true).ifPresent(s -> ctx.contentType(JSON).result(TraceJson.of(s)));
    }

    void capture(Context ctx) {
        String at;
        try {
            at = Pcap.capturePoint(isHost(ctx), ctx.queryParam("at"));
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e.getMessage(), false);
            return;
        }
        Optional<LabSnapshot> s = replay(ctx, false);
        if (s.isEmpty()) return;
        String name = "tcplab-" + s.get().spec().scenarioKey() + "-" + at + ".pcap";
        ctx.contentType(PCAP).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .result(Pcap.capture(s.get(), at));
    }

    void ladder(Context ctx) {
        String lang = ctx.queryParam("lang") == null ? "en" : ctx.queryParam("lang");
        if (!lang.equals("en") && !lang.equals("zh")) {
            badRequest(ctx, "lang must be en or zh", false);
            return;
        }
        Optional<LabSnapshot> s = replay(ctx, false);
        if (s.isEmpty()) return;
        ctx.header("Content-Security-Policy", SVG_CSP);
        ctx.contentType(SVG).header("Content-Disposition", "inline; filename=\"" + Ladders.fileName(s.get()) + "\"")
                .result(Ladders.standalone(s.get(), key -> messages.get(lang, key)));
    }

    private static boolean isHost(Context ctx) {
        return HostLab.SCENARIO.equals(ctx.pathParam("scenario"));
    }

    /**
     * The lab a path's scenario and a query describe, of either kind: empty for an unknown
     * scenario. A bad value throws, naming its key.
     */
    public static Optional<LabSpec> spec(String scenario, Map<String, List<String>> query) {
        Map<String, String> host = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (HostSettings.isHostKey(k) && !v.isEmpty()) host.put(k, v.get(0));
        });
        return LabSpec.parse(scenario, first(query, "actions"), first(query, "seed"), first(query, "profile"), host);
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> v = query.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The lab the path and query describe, or empty after answering 404 or 400. */
    private Optional<LabSnapshot> replay(Context ctx, boolean json) {
        Optional<LabSpec> found;
        try {
            found = spec(ctx.pathParam("scenario"), ctx.queryParamMap());
        } catch (LabSpec.BadSpecException e) {
            if (json) ctx.status(400).contentType(JSON).result("{\"error\":" + quote(e.getMessage()) + ",\"key\":" + quote(e.key()) + "}");
            else badRequest(ctx, e.getMessage(), false);
            return Optional.empty();
        }
        if (found.isEmpty()) {
            ctx.attribute(Pages.RENDERED, true);
            ctx.status(404).contentType(TEXT).result("No such scenario: " + ctx.pathParam("scenario") + "\n");
            return Optional.empty();
        }
        LabSpec spec = found.get();
        if (spec.actions().size() > Labs.MAX_ACTIONS) {
            // the same bound as a lab's: the work of one request stays that of the largest lab
            badRequest(ctx, "at most " + Labs.MAX_ACTIONS + " actions, not " + spec.actions().size(), json);
            return Optional.empty();
        }
        try {
            return Optional.of(spec.play());
        } catch (BadActionException e) {
            if (json) {
                ctx.status(400).contentType(JSON).result("{\"error\":" + quote(e.getMessage()) + ",\"position\":"
                        + e.position() + ",\"word\":" + quote(e.word()) + "}");
            } else {
                ctx.status(400).contentType(TEXT).result("Bad action list: " + e.getMessage() + "\n");
            }
            return Optional.empty();
        }
    }

    private static void badRequest(Context ctx, String message, boolean json) {
        if (json) ctx.status(400).contentType(JSON).result("{\"error\":" + quote(message) + "}");
        else ctx.status(400).contentType(TEXT).result(message + "\n");
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
