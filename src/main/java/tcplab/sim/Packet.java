package tcplab.sim;

import tcplab.sim.host.Address;
import tcplab.sim.host.TcpOptions;

/** A segment on the wire, as one host sent it. */
record Packet(String from, String to, Address src, Address dst, Segment segment, TcpOptions options,
              boolean retransmission, String connection) {
}
