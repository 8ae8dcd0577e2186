package tcplab.sim;

/** Data handed to {@code side}'s application. */
public record Delivered(long at, Side side, String data, Reason reason) implements Event {
    @Override
    public String describe() {
        return side.key() + " delivers \"" + data + "\" to its application";
    }
}
