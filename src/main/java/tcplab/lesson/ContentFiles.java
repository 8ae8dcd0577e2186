package tcplab.lesson;

import java.util.List;
import java.util.Optional;

/** The files lessons are read from: the working tree in development, the classpath when packaged. */
public interface ContentFiles {

    Optional<byte[]> read(String name);

    /** Names of the files directly inside {@code dir}, sorted. */
    List<String> list(String dir);

    /** True when files can change while the site runs, so nothing may be cached. */
    boolean live();
}
