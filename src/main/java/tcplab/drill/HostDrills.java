package tcplab.drill;

import tcplab.sim.BadActionException;
import tcplab.sim.ConnectionFailed;
import tcplab.sim.HostLab;
import tcplab.sim.HostSnapshot;
import tcplab.sim.HostSnapshot.AppError;
import tcplab.sim.HostSnapshot.HostEvent;
import tcplab.sim.LabSpec;
import tcplab.sim.Profile;
import tcplab.sim.Reason;
import tcplab.sim.host.HostSettings;
import tcplab.sim.host.Keepalive;
import tcplab.sim.host.Nstat;
import tcplab.sim.host.Sysctl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Drills about host labs ({@link HostLab}): what a queue length becomes, which nstat counter
 * moves, what errno an application is told. Each attempt draws a random host-lab spec for its
 * deck's story (a flood against the SYN queue, handshakes against a full accept queue, a client
 * cycling through a few ports, a peer that crashed, rebooted or exited), plays it to a moment,
 * and runs the lab on from there for the answer. A wrong option is either the same lab run again
 * under a misconception (backlog without somaxconn, tcp_syncookies=1 read as "always",
 * tcp_tw_reuse=2 read as "on", TIME-WAIT at the wrong end, keepalive off…), or what a learner
 * who holds a named misconception computes from the lab's own numbers (the queue's limit without
 * Linux's "+1", tcp_keepalive_time without the probes, another counter, another errno).
 */
final class HostDrills {

    private HostDrills() {
    }

    static final String NONE = "none";
    /** How many steps an errno drill runs on looking for the application's error before it gives up on the moment. */
    private static final int ERRNO_LIMIT = 300;

    /**
     * A deck's lab at a moment: the spec's settings and seed, the words up to the moment, and how
     * the lab runs on: the {@code reveal} words, then {@code next} while something falls due within
     * {@code within} ms of the moment (null: not at all); with a {@code subject} the lab then runs
     * on until that application is told something or nothing is left to happen.
     *
     * @param event      what happens next, as the question tells it
     * @param shown      the settings the question names
     * @param variants   the same lab under misconceptions: each changes the spec or the words
     * @param queue      the queue a queue-length drill asks about ({@code synQueue} or {@code acceptQueue})
     * @param counterHost the host whose counters a counter drill reads
     */
    record Story(HostSettings settings, long seed, List<String> moment, List<String> reveal, Long within, Text event,
                 List<String> shown, List<Variant> variants, String queue, String counterHost, String subject,
                 List<Nstat> counters, int attempts) {
        Story {
            moment = List.copyOf(moment);
            reveal = List.copyOf(reveal);
            variants = List.copyOf(variants);
        }
    }

    /** The lab as a learner with a misconception sees it: another spec or other words, and the misconception's name. */
    record Variant(HostSettings settings, List<String> moment, Text miss) {
        Variant {
            moment = List.copyOf(moment);
        }
    }

    /** A lab run from its moment: the moment, what followed, and the words that made it follow. */
    record Outcome(HostSnapshot at, HostSnapshot after, List<String> reveal) {
    }

    /** One attempt at a drill of a host deck; null when the drawn lab has nothing to ask. */
    static Drill attempt(DrillId id, SplittableRandom r) {
        Story story = switch (id.deck()) {
            case SYN_FLOOD -> r.nextBoolean() ? flood(id.kind(), r) : acceptQueue(id.kind(), r);
            case TIME_WAIT_PILE -> ports(id.kind(), r);
            case KEEPALIVE -> peerGone(id.kind(), r);
            default -> throw new IllegalArgumentException(id + " is not a host deck");
        };
        if (story == null) return null;
        Outcome o = run(story.settings(), story.seed(), story.moment(), story, id.kind());
        if (o == null) return null;
        return switch (id.kind()) {
            case QUEUE_LENGTH -> queueLength(id, story, o, r);
            case COUNTER -> counter(id, story, o, r);
            case ERRNO -> errno(id, story, o, r);
            default -> throw new IllegalArgumentException(id.kind().key());
        };
    }

    // ------------------------------------------------------------------ running a lab

    /** The lab played to its moment and on as the story says; null when the words do not apply (a variant) or nothing ends it. */
    static Outcome run(HostSettings settings, long seed, List<String> moment, Story story, Kind kind) {
        try {
            HostLab lab = HostLab.start(seed, Profile.LINUX, settings);
            for (String w : moment) lab.apply(w);
            HostSnapshot at = lab.snapshot();
            List<String> reveal = new ArrayList<>();
            for (String w : story.reveal()) {
                lab.apply(w);
                reveal.add(w);
            }
            if (story.within() != null) {
                long until = at.time() + story.within();
                for (Long due = lab.nextDueAt(); due != null && due <= until; due = lab.nextDueAt()) {
                    lab.apply("next");
                    reveal.add("next");
                }
            }
            if (story.subject() != null) {
                int seen = at.errors().size();
                int steps = 0;
                int checked = seen;
                while (lab.hasPending()) {
                    if (lab.errorCount() > checked) {
                        checked = lab.errorCount();
                        if (firstError(lab.snapshot(), seen, story.subject()) != null) break;
                    }
                    if (++steps > ERRNO_LIMIT) return null;
                    lab.apply("next");
                    reveal.add("next");
                }
            }
            return new Outcome(at, lab.snapshot(), reveal);
        } catch (BadActionException e) {
            return null;
        }
    }

    /** The first thing an application was told after the first {@code seen} errors: on {@code subject} ({@code HOST} or {@code HOST/K}). */
    static AppError firstError(HostSnapshot s, int seen, String subject) {
        for (AppError e : s.errors().subList(seen, s.errors().size())) {
            if (e.connection().equals(subject) || e.connection().startsWith(subject + "/")) return e;
        }
        return null;
    }

    /** Runs {@code next} while something falls due within {@code ms}: the lab settles after a call. */
    static void settle(HostLab lab, List<String> words, long ms) throws BadActionException {
        long until = lab.now() + ms;
        for (Long due = lab.nextDueAt(); due != null && due <= until; due = lab.nextDueAt()) {
            lab.apply("next");
            words.add("next");
        }
    }

    static void play(HostLab lab, List<String> words, String word) throws BadActionException {
        lab.apply(word);
        words.add(word);
    }

    static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    // ------------------------------------------------------------------ the decks' stories

    /** A flood of spoofed SYNs against a listener: backlog, somaxconn, tcp_syncookies, tcp_max_syn_backlog drawn at random. */
    static Story flood(Kind kind, SplittableRandom r) {
        int backlog = pick(r, List.of(4, 8, 16, 32, 64, 128, 256));
        int somaxconn = r.nextInt(10) < 4 ? pick(r, List.of(2, 4, 8, 16, 32, 64)) : pick(r, List.of(128, 512, 4096));
        int cookies = kind == Kind.ERRNO ? pick(r, List.of(0, 0, 1, 2)) : r.nextInt(3);
        HostSettings s = HostSettings.DEFAULTS.withBacklog(backlog).with(Sysctl.SOMAXCONN, somaxconn).with(Sysctl.TCP_SYNCOOKIES, cookies);
        if (r.nextInt(10) < 4) s = s.with(Sysctl.TCP_MAX_SYN_BACKLOG, pick(r, List.of(16, 32, 64, 128, 256)));
        if (kind == Kind.ERRNO) s = s.with(Sysctl.TCP_SYN_RETRIES, pick(r, List.of(1, 2, 3, 4)));
        int limit = Math.min(backlog, somaxconn);
        int n = Math.min(HostLabLimits.MAX_FLOOD, kind == Kind.ERRNO && r.nextBoolean() ? r.nextInt(limit + 1, 3 * limit + 4)
                : r.nextInt(1, 3 * limit + 4));
        long seed = r.nextInt(1, Integer.MAX_VALUE);
        List<String> moment = new ArrayList<>();
        if (r.nextInt(10) < 3) moment.addAll(List.of("connect:client", "next", "next", "next"));
        moment.add("flood:" + n);
        if (kind == Kind.ERRNO) moment.add("next");
        List<Variant> variants = new ArrayList<>(limitVariants(s, moment));
        variants.addAll(cookieVariants(s, moment));
        List<Nstat> counters = List.of(Nstat.LISTEN_DROPS, Nstat.LISTEN_OVERFLOWS, Nstat.SYNCOOKIES_SENT, Nstat.TCP_REQ_Q_FULL_DROP,
                Nstat.TCP_REQ_Q_FULL_DO_COOKIES, Nstat.TCP_PASSIVE_OPENS);
        if (kind == Kind.ERRNO) {
            return new Story(s, seed, moment, List.of("connect:c2"), null, Text.of("drill.host.event.connectAfterFlood", String.valueOf(n)),
                    List.of("backlog", "somaxconn", "tcp_syncookies", "tcp_max_syn_backlog", "tcp_syn_retries"), variants, "synQueue",
                    HostLab.SERVER, "c2", counters, n);
        }
        return new Story(s, seed, moment, List.of("next"), null, Text.of("drill.host.event.floodArrives", String.valueOf(n)),
                List.of("backlog", "somaxconn", "tcp_syncookies", "tcp_max_syn_backlog"), variants, "synQueue", HostLab.SERVER, null,
                counters, n);
    }

    /** Handshakes against an accept queue nobody empties: backlog 0–4, tcp_abort_on_overflow 0 or 1. */
    static Story acceptQueue(Kind kind, SplittableRandom r) {
        int backlog = r.nextInt(0, 5);
        int abort = r.nextInt(10) < 4 ? 1 : 0;
        HostSettings s = HostSettings.DEFAULTS.withBacklog(backlog).with(Sysctl.TCP_ABORT_ON_OVERFLOW, abort);
        int clients = Math.min(8, backlog + 1 + r.nextInt(0, 4));
        long seed = r.nextInt(1, Integer.MAX_VALUE);
        List<String> moment = new ArrayList<>();
        boolean waiting = r.nextInt(10) < 2;
        if (waiting) moment.add("accept");
        String last = null;
        for (int i = 0; i < clients; i++) {
            last = HostLabLimits.CLIENTS.get(i);
            moment.add("connect:" + last);
        }
        List<String> shown = List.of("backlog", "somaxconn", "tcp_abort_on_overflow");
        List<Variant> variants = new ArrayList<>(limitVariants(s, moment));
        variants.add(new Variant(s.with(Sysctl.TCP_ABORT_ON_OVERFLOW, 1 - abort), moment,
                Text.of(abort == 0 ? "drill.miss.host.abortOff" : "drill.miss.host.abortOn")));
        Text event = Text.of(waiting ? "drill.host.event.handshakesOneAccept" : "drill.host.event.handshakes", String.valueOf(clients));
        String queue = kind == Kind.QUEUE_LENGTH && r.nextInt(10) < 3 ? "synQueue" : "acceptQueue";
        List<Nstat> counters = List.of(Nstat.LISTEN_OVERFLOWS, Nstat.LISTEN_DROPS, Nstat.TCP_PASSIVE_OPENS, Nstat.EMBRYONIC_RSTS,
                Nstat.TCP_OUT_RSTS, Nstat.SYNCOOKIES_SENT);
        if (kind == Kind.ERRNO) event = Text.of("drill.host.event.handshakesOf", event, last);
        return new Story(s, seed, moment, List.of(), kind == Kind.ERRNO ? 0L : 150L, event, shown, variants, queue, HostLab.SERVER,
                kind == Kind.ERRNO ? last : null, counters, clients);
    }

    /** One client connecting and closing until TIME-WAIT holds its few ports: ip_local_port_range, tcp_tw_reuse, timestamps, tcp_max_tw_buckets. */
    static Story ports(Kind kind, SplittableRandom r) {
        int size = r.nextInt(1, 4);
        int low = 40_000 + r.nextInt(20_000);
        HostSettings s = HostSettings.DEFAULTS.with(Sysctl.IP_LOCAL_PORT_RANGE, low + "-" + (low + size - 1))
                .with(Sysctl.TCP_TW_REUSE, pick(r, List.of(0, 1, 1, 2)));
        if (r.nextInt(10) < 2) s = s.with(Sysctl.TCP_TIMESTAMPS, 0);
        if (r.nextInt(10) < 3) s = s.with(Sysctl.TCP_MAX_TW_BUCKETS, r.nextInt(0, 3));
        boolean clientFirst = r.nextInt(10) < 7;
        int connections = r.nextInt(1, size + 2);
        long pause = pick(r, List.of(0L, 400L, 1_500L, 61_000L));
        long seed = r.nextInt(1, Integer.MAX_VALUE);
        List<String> all = cycle(s, seed, connections, clientFirst, pause);
        if (all == null) return null;
        List<String> shown = List.of("ip_local_port_range", "tcp_tw_reuse", "tcp_timestamps", "tcp_max_tw_buckets");
        List<Nstat> counters = List.of(Nstat.TW, Nstat.TCP_TIME_WAIT_OVERFLOW, Nstat.TCP_ACTIVE_OPENS, Nstat.TCP_PASSIVE_OPENS,
                Nstat.TCP_ESTAB_RESETS);
        if (kind == Kind.ERRNO) {
            // sometimes the server's application has closed its listening socket: the SYN is answered with RST
            boolean unlisten = r.nextInt(10) < 2;
            UnaryOperator<List<String>> then = words -> {
                if (words == null || !unlisten) return words;
                List<String> more = new ArrayList<>(words);
                more.add("unlisten");
                return more;
            };
            List<String> moment = then.apply(all);
            List<Variant> variants = new ArrayList<>();
            if (unlisten) variants.add(new Variant(s, all, Text.of("drill.miss.host.stillListening")));
            List<String> swapped = then.apply(cycle(s, seed, connections, !clientFirst, pause));
            if (swapped != null) variants.add(new Variant(s, swapped, Text.of(clientFirst ? "drill.miss.host.twAtServer" : "drill.miss.host.twAtCloser")));
            int reuse = s.sysctls().get(Sysctl.TCP_TW_REUSE);
            if (reuse == 2) variants.add(new Variant(s.with(Sysctl.TCP_TW_REUSE, 1), moment, Text.of("drill.miss.host.reuseTwoIsLoopback")));
            if (reuse == 1) variants.add(new Variant(s.with(Sysctl.TCP_TW_REUSE, 0), moment, Text.of("drill.miss.host.reuseWorks")));
            if (s.sysctls().get(Sysctl.TCP_TIMESTAMPS) == 0) {
                variants.add(new Variant(s.with(Sysctl.TCP_TIMESTAMPS, 1), moment, Text.of("drill.miss.host.reuseNeedsTimestamps")));
            }
            if (s.sysctls().isSet(Sysctl.TCP_MAX_TW_BUCKETS)) {
                variants.add(new Variant(s.with(Sysctl.TCP_MAX_TW_BUCKETS, 262144), moment,
                        Text.of("drill.miss.host.twOverflowFrees", s.sysctls().text(Sysctl.TCP_MAX_TW_BUCKETS))));
            }
            Text event = Text.of(unlisten ? "drill.host.event.connectAgainUnlisten" : "drill.host.event.connectAgain", String.valueOf(made(all)),
                    Text.of(clientFirst ? "drill.host.closer.client" : "drill.host.closer.server"), new Text.Ms(pause));
            return new Story(s, seed, moment, List.of("connect:client"), null, event, shown, variants, null, "client", "client", counters,
                    connections);
        }
        // counter: the moment is after the last handshake; the reveal closes it (and lets TIME-WAIT run out, sometimes)
        int k = 0;
        for (String w : all) if (w.equals("connect:client")) k++;
        List<String> tail = all.subList(lastConnect(all), all.size());
        int handshake = 0;
        while (handshake < tail.size() && !tail.get(handshake).startsWith("close:")) handshake++;
        List<String> head = new ArrayList<>(all.subList(0, all.size() - tail.size() + handshake));
        List<String> reveal = new ArrayList<>(tail.subList(handshake, tail.size()));
        if (reveal.isEmpty()) return null;
        if (!reveal.get(reveal.size() - 1).startsWith("wait:") && r.nextBoolean()) reveal.add("wait:61000");
        String host = r.nextInt(10) < 7 ? (clientFirst ? "client" : HostLab.SERVER) : (clientFirst ? HostLab.SERVER : "client");
        List<Variant> variants = new ArrayList<>();
        if (s.sysctls().isSet(Sysctl.TCP_MAX_TW_BUCKETS)) {
            variants.add(new Variant(s.with(Sysctl.TCP_MAX_TW_BUCKETS, 262144), head,
                    Text.of("drill.miss.host.twBucketsIgnored", s.sysctls().text(Sysctl.TCP_MAX_TW_BUCKETS))));
        }
        Text event = Text.of("drill.host.event.lastClose", String.valueOf(k),
                Text.of(clientFirst ? "drill.host.closer.client" : "drill.host.closer.server"),
                Text.of(reveal.get(reveal.size() - 1).equals("wait:61000") ? "drill.host.then.wait61" : "drill.host.then.nothing"));
        return new Story(s, seed, head, reveal, null, event, shown, variants, null, host, null, counters, k);
    }

    /** How many connections the words made and closed (a connect() that found no port made none). */
    static int made(List<String> words) {
        int n = 0;
        for (String w : words) if (w.equals("close:client")) n++;
        return n;
    }

    /** The index of the last {@code connect:client} in the words. */
    static int lastConnect(List<String> words) {
        int at = 0;
        for (int i = 0; i < words.size(); i++) if (words.get(i).equals("connect:client")) at = i;
        return at;
    }

    /**
     * The client opens {@code connections} connections one after another, each closed by both
     * sides ({@code clientFirst} or the server first), and then waits {@code pause} ms. Stops early
     * when a connect() finds no port. Null when the words do not apply.
     */
    static List<String> cycle(HostSettings s, long seed, int connections, boolean clientFirst, long pause) {
        try {
            HostLab lab = HostLab.start(seed, Profile.LINUX, s);
            List<String> words = new ArrayList<>();
            for (int i = 1; i <= connections; i++) {
                int errors = lab.errorCount();
                play(lab, words, "connect:client");
                if (lab.errorCount() > errors) break;
                settle(lab, words, 300);
                play(lab, words, "accept"); // the server's application can close only what it has accepted
                String client = "close:client";
                // the server names its connections in the order it made them: the i-th handshake is server/i
                String server = "close:server/" + i;
                play(lab, words, clientFirst ? client : server);
                settle(lab, words, 300);
                play(lab, words, clientFirst ? server : client);
                settle(lab, words, 300);
            }
            if (pause > 0) play(lab, words, "wait:" + pause);
            return words;
        } catch (BadActionException e) {
            return null;
        }
    }

    /** A connected pair whose client then crashes, reboots or exits; the server's keepalive or its next write finds out. */
    static Story peerGone(Kind kind, SplittableRandom r) {
        int time = pick(r, List.of(10, 30, 60, 120, 600, 7200));
        int intvl = pick(r, List.of(1, 5, 10, 15, 30, 75));
        int probes = r.nextInt(1, 10);
        HostSettings s = HostSettings.DEFAULTS.withKeepalive(r.nextInt(10) < 3 ? Keepalive.BOTH : Keepalive.SERVER)
                .with(Sysctl.TCP_KEEPALIVE_TIME, time).with(Sysctl.TCP_KEEPALIVE_INTVL, intvl).with(Sysctl.TCP_KEEPALIVE_PROBES, probes);
        long seed = r.nextInt(1, Integer.MAX_VALUE);
        String what = pick(r, List.of("crash", "crash", "reboot", "reboot", "crashWrite", "rebootWrite", "exitWrite"));
        List<String> base = new ArrayList<>();
        try {
            HostLab lab = HostLab.start(seed, Profile.LINUX, s);
            play(lab, base, "connect:client");
            settle(lab, base, 300);
            play(lab, base, "accept");
        } catch (BadActionException e) {
            return null;
        }
        List<String> moment = new ArrayList<>(base);
        List<String> reveal = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        Text event;
        switch (what) {
            case "crash", "reboot" -> {
                moment.add(what + ":client");
                List<String> other = new ArrayList<>(base);
                other.add((what.equals("crash") ? "reboot" : "crash") + ":client");
                variants.add(new Variant(s, other, Text.of(what.equals("crash") ? "drill.miss.host.crashIsNotReboot" : "drill.miss.host.rebootIsNotCrash")));
                variants.add(new Variant(s.withKeepalive(Keepalive.CLIENT), moment, Text.of("drill.miss.host.keepaliveNotSet")));
                event = Text.of("drill.host.event." + what);
            }
            case "crashWrite", "rebootWrite" -> {
                String down = what.equals("crashWrite") ? "crash" : "reboot";
                moment.add(down + ":client");
                reveal.add("send:server:hi");
                List<String> other = new ArrayList<>(base);
                other.add((down.equals("crash") ? "reboot" : "crash") + ":client");
                variants.add(new Variant(s, other, Text.of(down.equals("crash") ? "drill.miss.host.crashIsNotReboot" : "drill.miss.host.rebootIsNotCrash")));
                event = Text.of("drill.host.event." + down + "Write");
            }
            default -> {
                try {
                    HostLab lab = HostLab.start(seed, Profile.LINUX, s);
                    for (String w : base) lab.apply(w);
                    play(lab, moment, "exit:client");
                    settle(lab, moment, 300);
                    long pause = pick(r, List.of(1_000L, 30_000L, 61_000L));
                    play(lab, moment, "wait:" + pause);
                    event = Text.of("drill.host.event.exitWrite", new Text.Ms(pause));
                } catch (BadActionException e) {
                    return null;
                }
                reveal.add("send:server:hi");
            }
        }
        List<String> shown = List.of("keepalive", "tcp_keepalive_time", "tcp_keepalive_intvl", "tcp_keepalive_probes");
        List<Nstat> counters = List.of(Nstat.TCP_KEEP_ALIVE, Nstat.TCP_ABORT_ON_TIMEOUT, Nstat.TCP_ESTAB_RESETS, Nstat.TCP_OUT_RSTS,
                Nstat.TCP_TIMEOUTS, Nstat.TCP_ABORT_ON_DATA);
        String host = kind == Kind.COUNTER && what.equals("exitWrite") && r.nextBoolean() ? "client" : HostLab.SERVER;
        return new Story(s, seed, moment, reveal, null, event, shown, variants, null, host, "server/1", counters, probes);
    }

    /** The listener's limit read two wrong ways: backlog without somaxconn, somaxconn without the backlog. */
    static List<Variant> limitVariants(HostSettings s, List<String> moment) {
        List<Variant> out = new ArrayList<>();
        int backlog = s.backlog();
        int somaxconn = s.sysctls().get(Sysctl.SOMAXCONN);
        if (somaxconn < backlog) {
            out.add(new Variant(s.with(Sysctl.SOMAXCONN, 65535), moment,
                    Text.of("drill.miss.host.backlogOnly", String.valueOf(backlog), String.valueOf(somaxconn))));
        } else if (backlog < somaxconn) {
            out.add(new Variant(s.withBacklog(somaxconn), moment,
                    Text.of("drill.miss.host.somaxconnOnly", String.valueOf(somaxconn), String.valueOf(backlog))));
        }
        return out;
    }

    /** tcp_syncookies read wrong: 1 as "always", 2 as "when full", 0 as the default 1. */
    static List<Variant> cookieVariants(HostSettings s, List<String> moment) {
        int c = s.sysctls().get(Sysctl.TCP_SYNCOOKIES);
        return switch (c) {
            case 1 -> List.of(new Variant(s.with(Sysctl.TCP_SYNCOOKIES, 2), moment, Text.of("drill.miss.host.cookiesOneIsAlways")),
                    new Variant(s.with(Sysctl.TCP_SYNCOOKIES, 0), moment, Text.of("drill.miss.host.cookiesOneIsOn")));
            case 2 -> List.of(new Variant(s.with(Sysctl.TCP_SYNCOOKIES, 1), moment, Text.of("drill.miss.host.cookiesTwoIsWhenFull")));
            default -> List.of(new Variant(s.with(Sysctl.TCP_SYNCOOKIES, 1), moment, Text.of("drill.miss.host.cookiesZeroIsOff")));
        };
    }

    // ------------------------------------------------------------------ the kinds

    static Drill queueLength(DrillId id, Story st, Outcome o, SplittableRandom r) {
        String queue = st.queue();
        int right = queue(o.after(), queue);
        int limit = o.after().listener().acceptQueueMax();
        List<Option> wrong = new ArrayList<>();
        for (Variant v : st.variants()) {
            Outcome alt = run(v.settings(), st.seed(), v.moment(), st, Kind.QUEUE_LENGTH);
            if (alt != null) wrong.add(count(queue(alt.after(), queue), v.miss()));
        }
        if (right == limit + 1) wrong.add(count(limit, Text.of("drill.miss.host.queueHoldsLimit", String.valueOf(limit))));
        String other = queue.equals("synQueue") ? "acceptQueue" : "synQueue";
        wrong.add(count(queue(o.after(), other), Text.of("drill.miss.host.otherQueue", Text.of("drill.queue." + other), Text.of("drill.queue." + queue))));
        wrong.add(count(st.attempts(), Text.of(queue.equals("synQueue") ? "drill.miss.host.everySynQueued" : "drill.miss.host.everyConnectionQueued")));
        if (queue.equals("acceptQueue")) wrong.add(count(0, Text.of("drill.miss.host.waitsForAccept")));
        Text question = Text.of("drill.q.queue-length", new Text.Ms(o.at().time()), settingsLine(st), st.event(), Text.of("drill.queue." + queue));
        Text why = Text.of("drill.why.queue-length", String.valueOf(o.after().listener().backlog()),
                String.valueOf(limit), Text.of("drill.queue." + queue), String.valueOf(right), lastHostReason(o));
        return drill(id, st, o, queue, question, count(right, null), wrong, why, r);
    }

    static int queue(HostSnapshot s, String queue) {
        return queue.equals("synQueue") ? s.listener().synQueue() : s.listener().acceptQueue();
    }

    static Drill counter(DrillId id, Story st, Outcome o, SplittableRandom r) {
        String host = st.counterHost();
        List<Nstat> moved = new ArrayList<>();
        for (Nstat n : st.counters()) if (delta(o, host, n) > 0) moved.add(n);
        if (moved.isEmpty()) return null;
        Nstat asked = pick(r, moved);
        long d = delta(o, host, asked);
        List<Option> wrong = new ArrayList<>();
        for (Variant v : st.variants()) {
            Outcome alt = run(v.settings(), st.seed(), v.moment(), st, Kind.COUNTER);
            if (alt != null) wrong.add(counterOption(asked, delta(alt, host, asked), v.miss()));
        }
        for (Nstat other : st.counters()) {
            long actual = delta(o, host, other);
            if (other == asked || actual == d) continue;
            wrong.add(counterOption(other, d, Text.of("drill.miss.host.otherCounter", other.key(), String.valueOf(actual),
                    Text.of("drill.counter." + other.key()))));
        }
        Text question = Text.of("drill.q.counter", new Text.Ms(o.at().time()), settingsLine(st), st.event(), Text.of("drill.host." + hostKey(host)));
        Text why = Text.of("drill.why.counter", Text.of("drill.host." + hostKey(host)), asked.key(),
                String.valueOf(o.at().counter(host, asked)), String.valueOf(o.after().counter(host, asked)), Text.of("drill.counter." + asked.key()));
        return drill(id, st, o, host, question, counterOption(asked, d, null), wrong, why, r);
    }

    static long delta(Outcome o, String host, Nstat n) {
        return o.after().counter(host, n) - o.at().counter(host, n);
    }

    static String hostKey(String host) {
        return host.equals(HostLab.SERVER) ? "server" : host.equals("client") ? "client" : "other";
    }

    static Drill errno(DrillId id, Story st, Outcome o, SplittableRandom r) {
        AppError told = firstError(o.after(), o.at().errors().size(), st.subject());
        if (told == null && o.after().pending()) return null;
        List<Option> wrong = new ArrayList<>();
        for (Variant v : st.variants()) {
            Outcome alt = run(v.settings(), st.seed(), v.moment(), st, Kind.ERRNO);
            if (alt == null) continue;
            AppError e = firstError(alt.after(), alt.at().errors().size(), st.subject());
            if (e == null && alt.after().pending()) continue;
            // the variant's time is measured from its own moment; the learner compares with this one's
            wrong.add(e == null ? nothing(v.miss()) : errnoOption(e.call(), e.errno(), e.at() - alt.at().time() + o.at().time(), v.miss()));
        }
        Text why;
        if (told == null) {
            String state = o.after().connections().stream().filter(c -> c.id().equals(st.subject()) || c.id().startsWith(st.subject() + "/"))
                    .reduce((a, b) -> b).map(c -> c.state().label()).orElse("CLOSED");
            why = Text.of("drill.why.errno-none", subjectText(st.subject()), state, new Text.Ms(o.after().time()));
            wrong.add(errnoOption("read", "ECONNRESET", o.after().time(), Text.of("drill.miss.host.resetWithoutRst")));
            wrong.add(errnoOption("connect", "ECONNREFUSED", o.at().time(), Text.of("drill.miss.host.refusedIsRstToSyn")));
            if (st.subject().equals("client")) {
                wrong.add(errnoOption("connect", "EADDRNOTAVAIL", o.at().time() + 0, Text.of("drill.miss.host.portsFree",
                        o.at().settings().sysctls().text(Sysctl.IP_LOCAL_PORT_RANGE))));
            }
        } else {
            why = Text.of("drill.why.errno", new Text.Ms(told.at()), subjectText(st.subject()), told.call(), told.errno(), reasonOf(o, told));
            long t = told.at();
            switch (told.errno()) {
                case "ETIMEDOUT" -> {
                    if (told.call().equals("connect")) {
                        // a SYN the listener dropped: no answer at all, until tcp_syn_retries run out
                        wrong.add(errnoOption(told.call(), "ECONNREFUSED", t, Text.of("drill.miss.host.droppedSynIsSilent")));
                        wrong.add(nothing(Text.of("drill.miss.host.synRetriesRunOut")));
                        break;
                    }
                    wrong.add(errnoOption(told.call(), "ECONNRESET", t, Text.of("drill.miss.host.crashSendsNothing")));
                    if (keepaliveTimedOut(o, told)) {
                        int time = o.at().settings().sysctls().get(Sysctl.TCP_KEEPALIVE_TIME);
                        int intvl = o.at().settings().sysctls().get(Sysctl.TCP_KEEPALIVE_INTVL);
                        int probes = o.at().settings().sysctls().get(Sysctl.TCP_KEEPALIVE_PROBES);
                        wrong.add(errnoOption(told.call(), told.errno(), t - probes * 1000L * intvl,
                                Text.of("drill.miss.host.keepaliveTimeOnly", String.valueOf(time), String.valueOf(probes), String.valueOf(intvl))));
                        wrong.add(errnoOption(told.call(), told.errno(), t - 1000L * intvl,
                                Text.of("drill.miss.host.lastProbeIsTheEnd", String.valueOf(probes), String.valueOf(intvl))));
                        if (time != 7200) {
                            wrong.add(errnoOption(told.call(), told.errno(), t + (7200L - time) * 1000,
                                    Text.of("drill.miss.host.keepaliveDefault", String.valueOf(time))));
                        }
                    }
                    wrong.add(nothing(Text.of("drill.miss.host.nobodyNotices")));
                }
                case "ECONNRESET" -> {
                    wrong.add(errnoOption("connect", "ECONNREFUSED", t, Text.of("drill.miss.host.refusedIsRstToSyn")));
                    wrong.add(errnoOption(told.call(), "ETIMEDOUT", t, Text.of("drill.miss.host.resetIsAnswer")));
                    wrong.add(nothing(Text.of("drill.miss.host.rstIsHeard")));
                }
                case "EPIPE" -> {
                    wrong.add(errnoOption("read", "ECONNRESET", t, Text.of("drill.miss.host.epipeAfterFin")));
                    wrong.add(nothing(Text.of("drill.miss.host.writeAfterFin")));
                    wrong.add(errnoOption(told.call(), "ETIMEDOUT", t, Text.of("drill.miss.host.resetIsAnswer")));
                }
                case "ECONNREFUSED" -> {
                    wrong.add(errnoOption(told.call(), "ETIMEDOUT", t, Text.of("drill.miss.host.closedPortAnswers")));
                    wrong.add(nothing(Text.of("drill.miss.host.nobodyListens")));
                    wrong.add(errnoOption(told.call(), "EADDRNOTAVAIL", t, Text.of("drill.miss.host.portsFree",
                            o.at().settings().sysctls().text(Sysctl.IP_LOCAL_PORT_RANGE))));
                }
                case "EADDRNOTAVAIL" -> {
                    wrong.add(errnoOption(told.call(), "EADDRINUSE", t, Text.of("drill.miss.host.addrInUseIsBind")));
                    wrong.add(errnoOption(told.call(), "ECONNREFUSED", t, Text.of("drill.miss.host.refusedIsRstToSyn")));
                    wrong.add(nothing(Text.of("drill.miss.host.timeWaitHoldsPorts", o.at().settings().sysctls().text(Sysctl.IP_LOCAL_PORT_RANGE))));
                }
                default -> {
                    wrong.add(nothing(Text.of("drill.miss.host.nobodyNotices")));
                    wrong.add(errnoOption(told.call(), "ECONNRESET", t, Text.of("drill.miss.host.resetIsAnswer")));
                }
            }
        }
        Option right = told == null ? nothing(null) : errnoOption(told.call(), told.errno(), told.at(), null);
        Text question = Text.of("drill.q.errno", new Text.Ms(o.at().time()), settingsLine(st), st.event(), subjectText(st.subject()));
        return drill(id, st, o, st.subject(), question, right, wrong, why, r);
    }

    static boolean keepaliveTimedOut(Outcome o, AppError told) {
        for (HostEvent e : o.after().events()) {
            if (e.at() == told.at() && e.event() instanceof ConnectionFailed f && told.connection().equals(e.connection())
                    && f.reason().why() == tcplab.sim.Why.KEEPALIVE_TIMED_OUT) return true;
        }
        return false;
    }

    /** Why the application was told: the connection's failure, or what the host said at that time. */
    static Reason reasonOf(Outcome o, AppError told) {
        Reason found = null;
        for (HostEvent e : o.after().events()) {
            if (e.at() != told.at()) continue;
            boolean ours = told.connection().equals(e.connection()) || told.connection().equals(e.host()) && e.event() == null;
            if (!ours) continue;
            if (e.event() instanceof ConnectionFailed f) return f.reason();
            if (found == null) found = e.reason();
        }
        return found != null ? found : o.after().events().get(o.after().events().size() - 1).reason();
    }

    /** The host's own last words in the reveal (a flood arriving, a third ACK dropped), or the last event's reason. */
    static Reason lastHostReason(Outcome o) {
        List<HostEvent> events = o.after().events();
        for (int i = events.size() - 1; i >= o.at().events().size(); i--) {
            if (events.get(i).event() == null) return events.get(i).reason();
        }
        return events.get(events.size() - 1).reason();
    }

    static Text subjectText(String subject) {
        return subject.contains("/") ? Text.of("drill.host.app.connection", subject) : Text.of("drill.host.app.host", subject);
    }

    /** The settings a question names, as Linux writes them: {@code backlog=8 · somaxconn=4 · tcp_syncookies=1}. */
    static String settingsLine(Story st) {
        List<String> parts = new ArrayList<>();
        for (String key : st.shown()) {
            String value = switch (key) {
                case "backlog" -> String.valueOf(st.settings().backlog());
                case "keepalive" -> "SO_KEEPALIVE:" + st.settings().keepalive().key();
                default -> st.settings().sysctls().text(Sysctl.byKey(key).orElseThrow());
            };
            parts.add(key.equals("keepalive") ? value : key + "=" + value);
        }
        return String.join(" · ", parts);
    }

    // ------------------------------------------------------------------ options

    static Option count(long n, Text miss) {
        return new Option(Long.toString(n), Text.of("drill.option.count", String.valueOf(n)), miss);
    }

    static Option counterOption(Nstat n, long delta, Text miss) {
        return new Option(n.key() + "+" + delta, Text.of("drill.option.counter", n.key(), String.valueOf(delta)), miss);
    }

    static Option errnoOption(String call, String errno, long at, Text miss) {
        return new Option(call + ":" + errno + ":" + at, Text.of("drill.option.errno", call, errno, new Text.Ms(at)), miss);
    }

    static Option nothing(Text miss) {
        return new Option(NONE, Text.of("drill.option.noError"), miss);
    }

    static Drill drill(DrillId id, Story st, Outcome o, String subject, Text question, Option right, List<Option> wrong, Text why,
                       SplittableRandom r) {
        Set<String> values = new HashSet<>();
        values.add(right.value());
        List<Option> distinct = new ArrayList<>();
        for (Option w : wrong) {
            if (values.add(w.value())) distinct.add(w);
        }
        // the misconceptions computed by replaying the lab come first; the rest fill up to three
        List<Option> options = new ArrayList<>();
        options.add(right);
        options.addAll(distinct.subList(0, Math.min(3, distinct.size())));
        if (options.size() < 3) return null;
        shuffle(options, r);
        LabSpec moment = LabSpec.hostLab(st.seed(), Profile.LINUX, st.settings(), st.moment());
        return new Drill(id, moment, o.reveal(), null, subject, question, false, options, why);
    }

    static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** What host labs allow that the generator draws within. */
    static final class HostLabLimits {
        static final int MAX_FLOOD = tcplab.sim.HostAction.MAX_FLOOD;
        static final List<String> CLIENTS = tcplab.sim.HostAction.HOSTS.subList(2, tcplab.sim.HostAction.HOSTS.size());

        private HostLabLimits() {
        }
    }

}
