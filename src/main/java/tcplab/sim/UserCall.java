package tcplab.sim;

/** The application called into its TCP: {@code connect}, {@code close}, {@code send "GET /"}, … */
public record UserCall(long at, Side side, String call, Reason reason) implements Event {
    @Override
    public String describe() {
        return side.key() + " application: " + call + (reason.why() == Why.USER_CALL ? "" : " (" + reason.english() + ")");
    }
}
