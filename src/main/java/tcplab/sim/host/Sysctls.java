package tcplab.sim.host;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The sysctls a lab sets, immutable. What is not set reads as Linux 6.x's default, so a spec
 * prints only what the learner changed. Every host of a lab runs the same kernel settings.
 */
public final class Sysctls {
    public static final Sysctls DEFAULTS = new Sysctls(new EnumMap<>(Sysctl.class));

    private final Map<Sysctl, String> set;

    private Sysctls(EnumMap<Sysctl, String> set) {
        this.set = Collections.unmodifiableMap(set);
    }

    /** The values set explicitly, in the enum's order, as Linux prints them. */
    public Map<Sysctl, String> explicit() {
        return set;
    }

    public boolean isSet(Sysctl sysctl) {
        return set.containsKey(sysctl);
    }

    /** A copy with one more value, checked against Linux's range; {@code key} names it in the error. */
    public Sysctls with(Sysctl sysctl, String value, String key) throws BadSettingException {
        String canonical = check(sysctl, value, key);
        EnumMap<Sysctl, String> copy = set.isEmpty() ? new EnumMap<>(Sysctl.class) : new EnumMap<>(set);
        copy.put(sysctl, canonical);
        return new Sysctls(copy);
    }

    /** A copy with one more value (for code and tests: a bad value is a programming error). */
    public Sysctls with(Sysctl sysctl, Object value) {
        try {
            return with(sysctl, String.valueOf(value), "sysctl." + sysctl.key());
        } catch (BadSettingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String check(Sysctl sysctl, String value, String key) throws BadSettingException {
        if (value == null) throw new BadSettingException(key, BadSettingException.Problem.NO_VALUE);
        if (sysctl == Sysctl.IP_LOCAL_PORT_RANGE) {
            String[] parts = value.trim().split("[- \t]+");
            if (parts.length != 2) throw new BadSettingException(key, BadSettingException.Problem.NOT_LOW_HIGH);
            long low = number(parts[0], key);
            long high = number(parts[1], key);
            if (low < 1 || high > 65535 || high < low) {
                throw new BadSettingException(key, BadSettingException.Problem.PORT_RANGE, value);
            }
            return low + "-" + high;
        }
        long n = number(value.trim(), key);
        if (n < sysctl.min() || n > sysctl.max()) {
            throw new BadSettingException(key, BadSettingException.Problem.OUT_OF_RANGE, sysctl.min(), sysctl.max(), value);
        }
        return Long.toString(n);
    }

    private static long number(String text, String key) throws BadSettingException {
        if (!text.matches("-?[0-9]{1,10}")) throw new BadSettingException(key, BadSettingException.Problem.NOT_A_NUMBER, text);
        return Long.parseLong(text);
    }

    /** The value in force: set, or Linux's default. Not for the port range. */
    public int get(Sysctl sysctl) {
        if (sysctl == Sysctl.IP_LOCAL_PORT_RANGE) throw new IllegalArgumentException("use portRange()");
        String v = set.get(sysctl);
        return v == null ? (int) sysctl.byDefault() : Integer.parseInt(v);
    }

    public PortRange portRange() {
        String v = set.get(Sysctl.IP_LOCAL_PORT_RANGE);
        if (v == null) return PortRange.LINUX_DEFAULT;
        String[] parts = v.split("-");
        return new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /** The value in force as Linux prints it. */
    public String text(Sysctl sysctl) {
        String v = set.get(sysctl);
        return v != null ? v : sysctl.defaultText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sysctls other && other.set.equals(set);
    }

    @Override
    public int hashCode() {
        return set.hashCode();
    }

    @Override
    public String toString() {
        return set.toString();
    }
}
