package tcplab.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What both kinds of lab ({@link Simulation}, {@link HostLab}) keep the same way: the virtual
 * clock, the counter that orders what is scheduled at one instant (the tie-break of
 * {@link Scheduled}), the words applied so far, and what their endpoints ask of them.
 */
abstract class AbstractLab {
    /** The virtual clock, in milliseconds. */
    long now;
    /** How many things have been scheduled so far: the next one's tie-break. */
    long order;
    final List<String> actions = new ArrayList<>();

    public long now() {
        return now;
    }

    public List<String> actions() {
        return List.copyOf(actions);
    }

    /** A lab's action words, one kind a lab. */
    interface Parser<A> {
        A parse(String word) throws BadActionException;
    }

    /** Parses the next word; a bad word's exception carries its 1-based position. */
    <A> A parseNext(String word, Parser<A> parser) throws BadActionException {
        try {
            return parser.parse(word);
        } catch (BadActionException e) {
            throw e.at(actions.size() + 1);
        }
    }

    /** What an {@link Endpoint} of a lab sees of it: the lab's clock, and its order for what the endpoint schedules. */
    abstract static class EndpointHost implements Endpoint.Host {
        private final AbstractLab lab;

        EndpointHost(AbstractLab lab) {
            this.lab = lab;
        }

        @Override
        public long now() {
            return lab.now;
        }

        @Override
        public long nextOrder() {
            return lab.order++;
        }
    }
}
