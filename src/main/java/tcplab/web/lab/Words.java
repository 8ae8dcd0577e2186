package tcplab.web.lab;

/** The site's words in one language or the other; the web layer's messages provide them. */
public interface Words {

    /** The message {@code key} in {@code lang}, with {@code args} filled in. */
    String get(String lang, String key, Object... args);

    boolean has(String lang, String key);
}
