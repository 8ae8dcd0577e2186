package tcplab.sim;

/** The one kind of event that changes an endpoint's state (smoltcp's set_state). */
public record StateChanged(long at, Side side, State from, State to, Reason reason) implements Event {
    @Override
    public String describe() {
        return side.key() + ": " + from.label() + " → " + to.label() + " (" + reason.english() + ")";
    }
}
