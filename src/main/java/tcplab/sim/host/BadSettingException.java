package tcplab.sim.host;

/** A host-lab setting that cannot be used: an unknown key or a value outside Linux's range. The message names the key. */
public final class BadSettingException extends Exception {
    private final String key;

    public BadSettingException(String key, String problem) {
        super("\"" + key + "\" " + problem);
        this.key = key;
    }

    /** The offending key as written, e.g. {@code sysctl.tcp_syncookies} or {@code backlog}. */
    public String key() {
        return key;
    }
}
