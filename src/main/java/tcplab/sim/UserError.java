package tcplab.sim;

/** The TCP answered a user call with an RFC 9293 §3.10 error such as "connection closing". */
public record UserError(long at, Side side, String call, Reason reason) implements Event {
    @Override
    public String describe() {
        return side.key() + " application: " + call + " fails: " + reason.english();
    }
}
