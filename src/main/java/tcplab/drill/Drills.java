package tcplab.drill;

import tcplab.sim.Action;
import tcplab.sim.BadActionException;
import tcplab.sim.ConnectionFailed;
import tcplab.sim.EndpointSnapshot;
import tcplab.sim.Event;
import tcplab.sim.Flag;
import tcplab.sim.LabSpec;
import tcplab.sim.Origin;
import tcplab.sim.Profile;
import tcplab.sim.Segment;
import tcplab.sim.SegmentArrived;
import tcplab.sim.SegmentRecord;
import tcplab.sim.SegmentSent;
import tcplab.sim.Side;
import tcplab.sim.Simulation;
import tcplab.sim.Snapshot;
import tcplab.sim.State;
import tcplab.sim.StateChanged;
import tcplab.sim.Timer;
import tcplab.sim.TimerFired;
import tcplab.sim.TimerKind;
import tcplab.sim.UserCall;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a drill from its id, deterministically: a random walk through one of the deck's
 * labs (the learner's calls, {@code next}, and drops within the deck's range) picks the moment;
 * the simulator, run on from there, gives the answer; and the wrong options are what a learner
 * who holds a known misconception would compute from the same moment (often by running the
 * simulator again with that misconception: the other profile, an application that did not exit).
 */
public final class Drills {

    private Drills() {
    }

    /** How many walks a drill may try before its kind finds a moment worth asking about. */
    private static final int ATTEMPTS = 200;
    /** Caps on how far the answer is looked for after the moment. */
    private static final int REVEAL_LIMIT = 80;
    private static final int GIVE_UP_LIMIT = 360;

    /** The drill at this address (the same drill every time). */
    public static Drill generate(DrillId id) {
        SplittableRandom r = new SplittableRandom(id.seed() * 0x9E3779B97F4A7C15L
                ^ ((long) id.deck().key().hashCode() << 32) ^ id.kind().key().hashCode());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (id.kind().isHost()) {
                Drill drill = HostDrills.attempt(id, r);
                if (drill != null) return drill;
                continue;
            }
            Deck.Play play = id.deck().plays().get(r.nextInt(id.deck().plays().size()));
            Profile profile = r.nextInt(10) < 7 ? Profile.LINUX : Profile.RFC;
            long labSeed = r.nextInt(1, Integer.MAX_VALUE);
            Lab lab = new Lab(id, play, profile, labSeed, r);
            Drill drill = switch (id.kind()) {
                case NEXT_SEGMENT -> lab.nextSegment();
                case STATE_AFTER -> lab.stateAfter();
                case RETRANSMIT_AT -> lab.retransmitAt();
                case GIVE_UP_AT -> lab.giveUpAt();
                case WAIT_LEFT -> lab.waitLeft();
                case WHO_RETRANSMITS -> lab.whoRetransmits();
                case QUEUE_LENGTH, COUNTER, ERRNO -> throw new AssertionError(id);
            };
            if (drill != null) return drill;
        }
        throw new IllegalStateException("no moment found for " + id);
    }

    /** A new drill id of this deck: its kind and seed drawn from {@code random}. */
    public static DrillId fresh(Deck deck, SplittableRandom random) {
        Kind kind = deck.kinds().get(random.nextInt(deck.kinds().size()));
        return new DrillId(deck, kind, random.nextLong(DrillId.MAX_SEED + 1));
    }

    // ------------------------------------------------------------------ one attempt

    /** One attempt at a drill: a lab of the deck, walked at random and asked about. */
    private static final class Lab {
        final DrillId id;
        final Deck.Play play;
        final Profile profile;
        final long labSeed;
        final SplittableRandom r;
        Simulation sim;
        int storyAt;
        int drops;

        Lab(DrillId id, Deck.Play play, Profile profile, long labSeed, SplittableRandom r) {
            this.id = id;
            this.play = play;
            this.profile = profile;
            this.labSeed = labSeed;
            this.r = r;
            this.sim = Simulation.start(play.scenario(), labSeed, profile);
        }

        void apply(String word) {
            try {
                sim.apply(word);
            } catch (BadActionException e) {
                throw new IllegalStateException("the walk chose an action the lab rejects: " + word, e);
            }
        }

        /**
         * One step of the learner's walk: the story's next call when the lab offers it (sometimes
         * first), a drop within the deck's range, otherwise {@code next}. False when nothing is left.
         */
        boolean step(double dropChance, int maxDrops) {
            Snapshot s = sim.snapshot();
            String story = storyAt < play.story().size() ? play.story().get(storyAt) : null;
            boolean storyOffered = story != null && offers(s, story);
            if (storyOffered && (!s.pending() || r.nextInt(10) < 4)) {
                apply(story);
                storyAt++;
                return true;
            }
            List<SegmentRecord> inFlight = s.inFlight();
            if (!inFlight.isEmpty() && drops < maxDrops && r.nextDouble() < dropChance) {
                apply("drop:" + inFlight.get(r.nextInt(inFlight.size())).n());
                drops++;
                return true;
            }
            if (s.pending()) {
                apply("next");
                return true;
            }
            return false;
        }

        void walk(int steps, double dropChance, int maxDrops) {
            for (int i = 0; i < steps && step(dropChance, maxDrops); i++) {
                // the step did the work
            }
        }

        void walk(int steps) {
            walk(steps, id.deck().dropChance(), id.deck().maxDrops());
        }

        /** Runs {@code next} until {@code done} holds or nothing is pending; the words run are added to {@code reveal}. */
        boolean runUntil(List<String> reveal, int limit, java.util.function.Predicate<Snapshot> done) {
            for (int i = 0; i < limit; i++) {
                Snapshot s = sim.snapshot();
                if (done.test(s)) return true;
                if (!s.pending()) return false;
                apply("next");
                reveal.add("next");
            }
            return done.test(sim.snapshot());
        }

        LabSpec moment() {
            return new LabSpec(play.scenario(), labSeed, profile, sim.actions());
        }

        Drill drill(LabSpec moment, List<String> reveal, Side side, Text question, boolean typed,
                    Option right, List<Option> wrong, Text explanation, int minOptions) {
            // the first option of a value keeps its misconception: callers list the specific ones first
            Set<String> values = new java.util.HashSet<>();
            values.add(right.value());
            List<Option> distinct = new ArrayList<>();
            for (Option o : wrong) {
                if (values.add(o.value())) distinct.add(o);
            }
            shuffle(distinct);
            List<Option> options = new ArrayList<>();
            options.add(right);
            options.addAll(distinct.subList(0, Math.min(3, distinct.size())));
            if (options.size() < minOptions) return null;
            shuffle(options);
            return new Drill(id, moment, reveal, side, null, question, typed, options, explanation);
        }

        <T> void shuffle(List<T> list) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                T t = list.get(i);
                list.set(i, list.get(j));
                list.set(j, t);
            }
        }

        // -------------------------------------------------------------- the next segment

        Drill nextSegment() {
            walk(r.nextInt(0, 11));
            Snapshot at = sim.snapshot();
            int before = at.segments().size();
            List<String> reveal = new ArrayList<>();
            if (!runUntil(reveal, 12, s -> s.segments().size() > before)) return null;
            Snapshot after = sim.snapshot();
            SegmentRecord next = after.segment(before + 1);
            if (next.origin() != Origin.ENDPOINT) return null;
            Segment seg = next.segment();
            Side from = next.from();
            EndpointSnapshot sender = at.endpoint(from);
            EndpointSnapshot peer = at.endpoint(from.peer());

            List<Option> wrong = new ArrayList<>();
            if (sender.sndUna() != null && sender.sndNxt() != null && !sender.sndUna().equals(sender.sndNxt())) {
                if (seg.seq() == sender.sndNxt()) {
                    wrong.add(segment(from, withSeq(seg, sender.sndUna()), "drill.miss.sndUna"));
                } else if (seg.seq() == sender.sndUna()) {
                    wrong.add(segment(from, withSeq(seg, sender.sndNxt()), "drill.miss.sndNxt"));
                }
            }
            if (sender.iss() != null && seg.seq() == tcplab.sim.SeqNum.add(sender.iss(), 1)) {
                wrong.add(segment(from, withSeq(seg, sender.iss()), "drill.miss.isnPlusOne"));
            }
            if (seg.has(Flag.ACK)) {
                String miss = peer.iss() != null && seg.ack() == tcplab.sim.SeqNum.add(peer.iss(), 1) ? "drill.miss.synCountsOne"
                        : finSentBy(after, from.peer()) ? "drill.miss.finCountsOne" : "drill.miss.ackLastByte";
                wrong.add(segment(from, withAck(seg, tcplab.sim.SeqNum.add(seg.ack(), -1)), miss));
                if (seg.seq() != seg.ack()) {
                    wrong.add(segment(from, new Segment(seg.ack(), seg.seq(), seg.flags(), seg.window(), seg.data()), "drill.miss.swapped"));
                }
            }
            if (seg.has(Flag.SYN) && seg.has(Flag.ACK)) {
                wrong.add(segment(from, withFlags(seg, EnumSet.of(Flag.SYN)), "drill.miss.synAckCarriesAck"));
            } else if (seg.has(Flag.SYN)) {
                wrong.add(segment(from, withFlags(seg, EnumSet.of(Flag.SYN, Flag.ACK)), "drill.miss.firstSynNoAck"));
            }
            if (seg.has(Flag.FIN)) {
                wrong.add(segment(from, withFlags(seg, EnumSet.of(Flag.ACK)), "drill.miss.finWithClose"));
            } else if (seg.has(Flag.ACK) && !seg.has(Flag.SYN) && !seg.has(Flag.RST) && seg.data().isEmpty()) {
                wrong.add(segment(from, withFlags(seg, EnumSet.of(Flag.FIN, Flag.ACK)), "drill.miss.ackIsNotFin"));
            }
            if (seg.has(Flag.RST)) {
                wrong.add(segment(from, withFlags(seg, EnumSet.of(Flag.ACK)), "drill.miss.noRst"));
            }
            wrong.add(segment(from.peer(), seg, "drill.miss.otherSide"));

            Option right = segment(from, seg, null);
            SegmentSent sent = sentEvent(after, next.n());
            Text question = Text.of("drill.q.next-segment", new Text.Ms(at.time()));
            Text why = Text.of("drill.why.next-segment", side(from), seg.toString(), new Text.Ms(next.sentAt()), sent.reason());
            return drill(moment(at), reveal, null, question, false, right, wrong, why, 3);
        }

        LabSpec moment(Snapshot at) {
            return new LabSpec(play.scenario(), labSeed, profile, at.actions());
        }

        // -------------------------------------------------------------- a state after an event

        Drill stateAfter() {
            walk(r.nextInt(0, 11));
            Snapshot at = sim.snapshot();
            if (!at.pending()) return null;
            apply("next");
            Snapshot after = sim.snapshot();
            Event first = after.events().get(at.events().size());
            Text event = describe(first, after);
            if (event == null) return null;
            List<Side> changed = new ArrayList<>();
            for (Side s : Side.values()) {
                if (at.endpoint(s).state() != after.endpoint(s).state()) changed.add(s);
            }
            Side side = !changed.isEmpty() && r.nextInt(10) < 8 ? changed.get(r.nextInt(changed.size()))
                    : Side.values()[r.nextInt(2)];
            State right = after.endpoint(side).state();
            State was = at.endpoint(side).state();
            State peer = after.endpoint(side.peer()).state();

            List<Option> wrong = new ArrayList<>();
            if (was != right) wrong.add(state(was, Text.of("drill.miss.unchanged", was.label())));
            if (peer != right) wrong.add(state(peer, Text.of("drill.miss.peerState", side(side.peer()), peer.label())));
            State later = laterState(side, right);
            if (later != null && later != right) wrong.add(state(later, Text.of("drill.miss.skipAhead", later.label())));
            for (State c : confusable(right)) {
                wrong.add(state(c, Text.of("drill.miss.confused", c.label(), Text.of("drill.state." + c.name()))));
            }
            StateChanged change = null;
            for (Event e : after.events().subList(at.events().size(), after.events().size())) {
                if (e instanceof StateChanged c && c.side() == side) change = c;
            }
            Text why = change == null
                    ? Text.of("drill.why.state-kept", side(side), right.label(), Text.of("drill.state." + right.name()))
                    : Text.of("drill.why.state-changed", side(side), was.label(), right.label(), change.reason(),
                            Text.of("drill.state." + right.name()));
            Text question = Text.of("drill.q.state-after", new Text.Ms(at.time()), event, side(side));
            return drill(moment(at), List.of("next"), side, question, false, state(right, null), wrong, why, 3);
        }

        /** The state {@code side} reaches after {@code right}, if the lab goes on by itself (a later step, not this one). */
        State laterState(Side side, State right) {
            for (int i = 0; i < 8 && sim.hasPending(); i++) {
                apply("next");
                State s = sim.snapshot().endpoint(side).state();
                if (s != right) return s;
            }
            return null;
        }

        // -------------------------------------------------------------- the next retransmission

        Drill retransmitAt() {
            walk(r.nextInt(1, 11));
            if (drops == 0) {
                List<SegmentRecord> inFlight = sim.snapshot().inFlight();
                if (inFlight.isEmpty()) return null;
                apply("drop:" + inFlight.get(r.nextInt(inFlight.size())).n());
                drops++;
            }
            Snapshot at = sim.snapshot();
            List<String> reveal = new ArrayList<>();
            Long answer = firstRetransmission(sim, reveal, at.segments().size());
            if (answer == null) return null;
            Snapshot after = sim.snapshot();
            SegmentRecord resent = firstResent(after, at.segments().size());
            Side who = resent.from();

            List<Option> wrong = new ArrayList<>();
            Profile other = otherProfile();
            Simulation alt = restartOrNull(at.actions(), other);
            if (alt != null) {
                Long t = firstRetransmission(alt, new ArrayList<>(), at.segments().size());
                if (t != null) wrong.add(time(t, Text.of("drill.miss.otherProfile", profileName(other))));
            }
            Timer timer = at.endpoint(who).timer(TimerKind.RETRANSMISSION).orElse(null);
            if (timer != null) {
                long sentAt = timer.dueAt() - timer.rto();
                wrong.add(time(timer.dueAt() + timer.rto(), Text.of("drill.miss.backoffEarly")));
                if (timer.attempt() > 1) wrong.add(time(sentAt + timer.rto() / 2, Text.of("drill.miss.noBackoff")));
                if (at.time() != sentAt) wrong.add(time(at.time() + timer.rto(), Text.of("drill.miss.fromNow")));
                wrong.add(time(sentAt + 2 * Simulation.ONE_WAY_DELAY_MS, Text.of("drill.miss.afterRtt")));
            }
            int lost = lastLost(at);
            Text question = Text.of("drill.q.retransmit-at", new Text.Ms(at.time()), String.valueOf(lost));
            SegmentSent sent = sentEvent(after, resent.n());
            Text why = Text.of("drill.why.retransmit-at", side(who), resent.segment().toString(), new Text.Ms(resent.sentAt()), sent.reason());
            return drill(moment(at), reveal, null, question, r.nextBoolean(), time(answer, null), wrong, why, 3);
        }

        /** Runs on until a segment sent after the first {@code before} is a retransmission; its time, or null. */
        Long firstRetransmission(Simulation s, List<String> reveal, int before) {
            Simulation saved = sim;
            sim = s;
            try {
                boolean found = runUntil(reveal, REVEAL_LIMIT, x -> firstResent(x, before) != null);
                return found ? firstResent(sim.snapshot(), before).sentAt() : null;
            } finally {
                sim = saved;
            }
        }

        static SegmentRecord firstResent(Snapshot s, int before) {
            if (before >= s.segments().size()) return null;
            for (SegmentRecord x : s.segments().subList(before, s.segments().size())) {
                if (x.retransmission() && x.origin() == Origin.ENDPOINT) return x;
            }
            return null;
        }

        static int lastLost(Snapshot s) {
            int n = 0;
            for (Event e : s.events()) {
                if (e instanceof tcplab.sim.SegmentLost l) n = l.n();
            }
            return n;
        }

        Profile otherProfile() {
            return profile == Profile.LINUX ? Profile.RFC : Profile.LINUX;
        }

        Simulation restart(List<String> words, Profile p) {
            Simulation s = restartOrNull(words, p);
            if (s == null) throw new IllegalStateException("a walk does not replay");
            return s;
        }

        /** The same words in a fresh lab (under another profile they may not apply: null then). */
        Simulation restartOrNull(List<String> words, Profile p) {
            Simulation s = Simulation.start(play.scenario(), labSeed, p);
            try {
                for (String w : words) s.apply(w);
            } catch (BadActionException e) {
                return null;
            }
            return s;
        }

        // -------------------------------------------------------------- giving up

        Drill giveUpAt() {
            walk(r.nextInt(0, 9), 0, 0);
            Snapshot at = sim.snapshot();
            List<Side> waiting = new ArrayList<>();
            for (Side s : Side.values()) {
                if (at.endpoint(s).timer(TimerKind.RETRANSMISSION).isPresent()) waiting.add(s);
            }
            if (waiting.isEmpty()) return null;
            Side side = waiting.get(r.nextInt(waiting.size()));
            List<String> reveal = new ArrayList<>();
            ConnectionFailed failed = loseEverything(sim, side, reveal);
            if (failed == null) return null;
            Snapshot after = sim.snapshot();
            long lastSent = 0;
            int resends = 0;
            for (SegmentRecord x : after.segments()) {
                if (x.from() == side && x.origin() == Origin.ENDPOINT && x.sentAt() <= failed.at()) {
                    lastSent = Math.max(lastSent, x.sentAt());
                    if (x.retransmission() && x.n() > at.segments().size()) resends++;
                }
            }
            List<Option> wrong = new ArrayList<>();
            if (lastSent != failed.at()) wrong.add(time(lastSent, Text.of("drill.miss.lastRetry")));
            Profile other = otherProfile();
            alternative(at.actions(), other, side).ifPresent(t -> wrong.add(time(t, Text.of("drill.miss.otherProfile", profileName(other)))));
            String exit = "exit:" + side.key();
            String close = "close:" + side.key();
            if (at.actions().contains(exit)) {
                alternative(replace(at.actions(), exit, close), profile, side)
                        .ifPresent(t -> wrong.add(time(t, Text.of("drill.miss.orphan"))));
            } else if (at.actions().contains(close)) {
                alternative(replace(at.actions(), close, exit), profile, side)
                        .ifPresent(t -> wrong.add(time(t, Text.of("drill.miss.notOrphan"))));
            }
            Text question = Text.of("drill.q.give-up-at", new Text.Ms(at.time()), side(side));
            Text why = Text.of("drill.why.give-up-at", side(side), new Text.Ms(failed.at()), String.valueOf(resends), failed.reason());
            return drill(moment(at), reveal, side, question, r.nextBoolean(), time(failed.at(), null), wrong, why, 3);
        }

        /** Drops every segment {@code side} has in flight, runs the next event, and again, until {@code side} fails. */
        ConnectionFailed loseEverything(Simulation s, Side side, List<String> reveal) {
            Simulation saved = sim;
            sim = s;
            try {
                int seen = sim.snapshot().events().size();
                for (int i = 0; i < GIVE_UP_LIMIT; i++) {
                    Snapshot now = sim.snapshot();
                    for (int k = seen; k < now.events().size(); k++) {
                        if (now.events().get(k) instanceof ConnectionFailed f && f.side() == side) return f;
                    }
                    seen = now.events().size();
                    for (SegmentRecord x : now.inFlight()) {
                        if (x.from() == side) {
                            apply("drop:" + x.n());
                            reveal.add("drop:" + x.n());
                        }
                    }
                    if (!sim.hasPending()) return null;
                    apply("next");
                    reveal.add("next");
                }
                return null;
            } finally {
                sim = saved;
            }
        }

        java.util.Optional<Long> alternative(List<String> words, Profile p, Side side) {
            Simulation alt = restartOrNull(words, p);
            if (alt == null) return java.util.Optional.empty();
            ConnectionFailed f = loseEverything(alt, side, new ArrayList<>());
            return f == null ? java.util.Optional.empty() : java.util.Optional.of(f.at());
        }

        static List<String> replace(List<String> words, String from, String to) {
            List<String> out = new ArrayList<>(words);
            out.replaceAll(w -> w.equals(from) ? to : w);
            return out;
        }

        // -------------------------------------------------------------- TIME-WAIT and FIN-WAIT-2

        static final String NEVER = "never";

        Drill waitLeft() {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                if (!step(id.deck().dropChance(), id.deck().maxDrops())) break;
                Snapshot s = sim.snapshot();
                if (waiting(s.client()) || waiting(s.server())) candidates.add(s.actions().size());
            }
            if (candidates.isEmpty()) return null;
            int length = candidates.get(r.nextInt(candidates.size()));
            sim = restart(sim.actions().subList(0, length), profile);
            Snapshot at = sim.snapshot();
            List<Side> sides = new ArrayList<>();
            for (Side s : Side.values()) {
                if (waiting(at.endpoint(s))) sides.add(s);
            }
            Side side = sides.get(r.nextInt(sides.size()));
            EndpointSnapshot e = at.endpoint(side);
            State state = e.state();
            List<String> reveal = new ArrayList<>();
            boolean closed = runUntil(reveal, REVEAL_LIMIT, s -> s.endpoint(side).state() == State.CLOSED);
            if (!closed && sim.hasPending()) return null;
            Snapshot after = sim.snapshot();
            Timer timer = e.timer(state == State.TIME_WAIT ? TimerKind.TIME_WAIT : TimerKind.FIN_WAIT_2).orElse(null);
            long elapsed = timer == null ? 0 : at.time() - (timer.dueAt() - timer.rto());
            Profile other = otherProfile();

            List<Option> wrong = new ArrayList<>();
            Option right;
            Text why;
            if (closed) {
                StateChanged end = null;
                for (StateChanged c : after.stateChanges()) {
                    if (c.side() == side && c.to() == State.CLOSED && c.at() >= at.time()) {
                        end = c;
                        break;
                    }
                }
                long left = end.at() - at.time();
                right = duration(left, null);
                why = Text.of("drill.why.wait-left", side(side), state.label(), new Text.Ms(end.at()), new Text.Ms(left), end.reason());
                wrong.add(never(Text.of(state == State.TIME_WAIT ? "drill.miss.timeWaitForever"
                        : timer != null ? "drill.miss.orphanForever" : "drill.miss.closesAnyway")));
                if (state == State.TIME_WAIT && timer != null && timer.dueAt() - at.time() != left) {
                    wrong.add(duration(timer.dueAt() - at.time(), Text.of("drill.miss.noRestart")));
                }
            } else {
                right = never(null);
                why = Text.of("drill.why.wait-never", side(side), state.label(), Text.of("drill.state." + state.name()));
                wrong.add(duration(profile.finWait2Timeout(), Text.of("drill.miss.finTimeoutNotOrphan")));
                wrong.add(duration(profile.timeWait(), Text.of("drill.miss.finWait2IsTimeWait")));
            }
            if (state == State.TIME_WAIT) {
                wrong.add(duration(profile.timeWait(), Text.of("drill.miss.fullWait")));
                wrong.add(duration(Math.max(0, other.timeWait() - elapsed), Text.of("drill.miss.otherTimeWait", profileName(other))));
                wrong.add(duration(Math.max(0, profile.timeWait() / 2 - elapsed), Text.of("drill.miss.oneMsl")));
            } else if (timer != null) {
                wrong.add(duration(profile.finWait2Timeout(), Text.of("drill.miss.fullWait")));
                wrong.add(duration(Math.max(0, Profile.RFC.timeWait() - elapsed), Text.of("drill.miss.finWait2IsTimeWait")));
            }
            Text question = Text.of("drill.q.wait-left", new Text.Ms(at.time()), side(side), state.label());
            boolean typed = closed && r.nextBoolean();
            return drill(moment(at), reveal, side, question, typed, right, wrong, why, 3);
        }

        static boolean waiting(EndpointSnapshot e) {
            return e.state() == State.TIME_WAIT || e.state() == State.FIN_WAIT_2;
        }

        // -------------------------------------------------------------- who resends after a loss

        static final String NOBODY = "none";

        Drill whoRetransmits() {
            walk(r.nextInt(0, 10), 0, 0);
            List<SegmentRecord> inFlight = sim.snapshot().inFlight();
            if (inFlight.isEmpty()) return null;
            SegmentRecord lost = inFlight.get(r.nextInt(inFlight.size()));
            if (lost.origin() != Origin.ENDPOINT) return null;
            apply("drop:" + lost.n());
            Snapshot at = sim.snapshot();
            List<String> reveal = new ArrayList<>();
            boolean found = runUntil(reveal, REVEAL_LIMIT, s -> firstResent(s, at.segments().size()) != null);
            if (!found && sim.hasPending()) return null;
            Snapshot after = sim.snapshot();
            SegmentRecord resent = found ? firstResent(after, at.segments().size()) : null;
            String answer = resent == null ? NOBODY : resent.from().key();
            Segment seg = lost.segment();
            boolean occupies = seg.len() > 0;
            Side sender = lost.from();

            List<Option> wrong = new ArrayList<>();
            Option right = null;
            for (String v : List.of(Side.CLIENT.key(), Side.SERVER.key(), NOBODY)) {
                Text label = v.equals(NOBODY) ? Text.of("drill.option.nobody") : sideLabel(Side.byKey(v).orElseThrow());
                if (v.equals(answer)) {
                    right = new Option(v, label, null);
                    continue;
                }
                Text miss;
                if (answer.equals(NOBODY)) {
                    miss = Text.of("drill.miss.nothingOwed", String.valueOf(lost.n()));
                } else if (v.equals(NOBODY)) {
                    miss = Text.of(occupies ? "drill.miss.nobodyResends" : "drill.miss.ackLossHurts", side(sender.peer()));
                } else if (v.equals(sender.key())) {
                    miss = Text.of(occupies ? "drill.miss.senderNotFirst" : "drill.miss.ackNotResent", side(sender), side(sender.peer()));
                } else {
                    miss = Text.of("drill.miss.receiverUnaware", side(sender.peer()));
                }
                wrong.add(new Option(v, label, miss));
            }
            Text question = Text.of("drill.q.who-retransmits", new Text.Ms(at.time()), String.valueOf(lost.n()), seg.toString(), side(sender));
            Text why = resent == null
                    ? Text.of("drill.why.nobody-resends", String.valueOf(lost.n()))
                    : Text.of("drill.why.who-retransmits", side(resent.from()), resent.segment().toString(),
                            new Text.Ms(resent.sentAt()), sentEvent(after, resent.n()).reason());
            return drill(moment(at), reveal, null, question, false, right, wrong, why, 3);
        }
    }

    // ------------------------------------------------------------------ small helpers

    /** A side as a sentence names it ("the client"). */
    static Text side(Side side) {
        return Text.of("drill.side." + side.key());
    }

    /** A side as an answer names it ("Client"). */
    static Text sideLabel(Side side) {
        return Text.of("side." + side.key());
    }

    static Text profileName(Profile p) {
        return Text.of("drill.profile." + p.key());
    }

    static Option segment(Side from, Segment seg, String miss) {
        return new Option(from.key() + " " + seg, Text.of("drill.option.segment", sideLabel(from), seg.toString()),
                miss == null ? null : Text.of(miss));
    }

    static Option state(State state, Text miss) {
        return new Option(state.label(), Text.of("drill.option.state", state.label()), miss);
    }

    static Option time(long ms, Text miss) {
        return new Option(Long.toString(ms), Text.of("drill.option.time", new Text.Ms(ms)), miss);
    }

    static Option duration(long ms, Text miss) {
        return new Option(Long.toString(ms), Text.of("drill.option.duration", new Text.Ms(ms)), miss);
    }

    static Option never(Text miss) {
        return new Option(Lab.NEVER, Text.of("drill.option.never"), miss);
    }

    static Segment withSeq(Segment s, long seq) {
        return new Segment(seq, s.ack(), s.flags(), s.window(), s.data());
    }

    static Segment withAck(Segment s, long ack) {
        return new Segment(s.seq(), ack, s.flags(), s.window(), s.data());
    }

    static Segment withFlags(Segment s, Set<Flag> flags) {
        return Segment.of(s.seq(), s.has(Flag.ACK) ? s.ack() : 0, flags, s.data());
    }

    static boolean finSentBy(Snapshot s, Side side) {
        return s.segments().stream().anyMatch(x -> x.from() == side && x.segment().has(Flag.FIN));
    }

    static SegmentSent sentEvent(Snapshot s, int n) {
        for (Event e : s.events()) {
            if (e instanceof SegmentSent sent && sent.n() == n) return sent;
        }
        throw new IllegalStateException("no segment " + n);
    }

    /** The learner's words for the event that {@code next} ran, or null for one a question should not hinge on. */
    static Text describe(Event e, Snapshot s) {
        if (e instanceof SegmentArrived a) {
            return Text.of("drill.event.arrives", String.valueOf(a.n()), a.segment().toString(), side(a.side()));
        }
        if (e instanceof TimerFired t) {
            return Text.of("drill.event.timer", side(t.side()), Text.of("timer." + t.kind().key()));
        }
        if (e instanceof UserCall c) {
            return Text.of("drill.event.call", side(c.side()), c.call());
        }
        return null;
    }

    /** States a learner mixes up with {@code s}. */
    static List<State> confusable(State s) {
        return switch (s) {
            case SYN_SENT -> List.of(State.SYN_RECEIVED, State.LISTEN);
            case SYN_RECEIVED -> List.of(State.SYN_SENT, State.ESTABLISHED);
            case ESTABLISHED -> List.of(State.SYN_RECEIVED, State.CLOSE_WAIT);
            case FIN_WAIT_1 -> List.of(State.FIN_WAIT_2, State.CLOSING);
            case FIN_WAIT_2 -> List.of(State.CLOSE_WAIT, State.FIN_WAIT_1, State.TIME_WAIT);
            case CLOSE_WAIT -> List.of(State.FIN_WAIT_2, State.LAST_ACK);
            case CLOSING -> List.of(State.TIME_WAIT, State.FIN_WAIT_2);
            case LAST_ACK -> List.of(State.CLOSE_WAIT, State.CLOSED);
            case TIME_WAIT -> List.of(State.CLOSED, State.CLOSING);
            case CLOSED -> List.of(State.TIME_WAIT, State.LISTEN);
            case LISTEN -> List.of(State.SYN_RECEIVED, State.CLOSED);
        };
    }

    static boolean offers(Snapshot s, String word) {
        String head = head(word);
        for (Action a : s.offered()) {
            if (head(a.word()).equals(head)) return true;
        }
        return false;
    }

    /** A word up to its second colon: {@code send:server}. */
    private static String head(String word) {
        int first = word.indexOf(':');
        if (first < 0) return word;
        int second = word.indexOf(':', first + 1);
        return second < 0 ? word : word.substring(0, second);
    }
}
