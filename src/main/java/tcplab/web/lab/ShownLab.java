package tcplab.web.lab;

import java.util.List;

/**
 * What every lab's view has, whatever its kind ({@link LabView} for a connection lab,
 * {@link HostView} for a host lab): its place, title and version, the prediction due or just
 * answered, the log, and the links to share and download it. The templates' shared fragments
 * (templates/lab/lab.html: predict, feedback, share, log) read only these.
 */
public sealed interface ShownLab permits LabView, HostView {

    String lang();

    LabAddress address();

    String title();

    long version();

    LabView.Notice notice();

    LabView.Question question();

    LabView.Feedback feedback();

    List<String> log();

    /** The contract's scenario name: a connection scenario's key, or {@code host}. */
    String scenarioKey();

    /** The replay link's query of the lab now. */
    String shareQuery();

    /** The site's public address for links, or empty: links from the site's root. */
    String origin();

    boolean readOnly();

    /** True when the lab's story is over (see {@link Labs.Start#finishedBy}). */
    boolean finished();

    /** The segments the header inspector offers. */
    List<LabView.Option> segments();

    /** The header inspector's open segment, or null. */
    LabView.Inspector inspector();

    /** The replay link of this lab now: from the configured public address, or from the site's root. */
    default String shareUrl() {
        return origin() + "/" + lang() + "/lab/" + scenarioKey() + "?" + shareQuery();
    }

    /** A download of this lab now (trace.json, ladder.svg, capture.pcap?at=…); the ladder's speaks the page's language. */
    default String exportUrl(String file) {
        String url = "/lab/" + scenarioKey() + "/" + file + (file.contains("?") ? "&" : "?") + shareQuery();
        return file.startsWith("ladder.svg") ? url + "&lang=" + lang() : url;
    }

    /** The hidden field every form of the lab posts its version in (a slot while the version is set aside). */
    default String versionField() {
        return version() == LabView.SET_ASIDE ? LabView.VERSION_SLOT : LabView.versionField(version());
    }

    /** Where the lab's forms post. */
    default String actionUrl() {
        return address().actionUrl(lang());
    }
}
