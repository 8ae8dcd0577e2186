package tcplab.sim;

/** One room of a host lab ({@link Flood}, {@link PassiveOpen}, {@link Applications}): the lab, its server host and that host's listener. */
abstract class HostRoom {
    final HostLab lab;
    final Machine server;
    final Listener listener;

    HostRoom(HostLab lab) {
        this.lab = lab;
        this.server = lab.server;
        this.listener = lab.listener;
    }
}
