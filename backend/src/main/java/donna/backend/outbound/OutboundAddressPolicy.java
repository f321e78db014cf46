package donna.backend.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the service may call out to on a person's say-so (webhooks now, Slack alerts later): a URL is {@code https}
 * (or {@code http} to a loopback address when loopback is allowed, for integrations on the same machine), and every
 * address its host resolves to is a public one. Private (10/8, 172.16/12, 192.168/16), loopback, link-local
 * (169.254/16, fe80::/10, with the cloud metadata address 169.254.169.254), unique-local (fc00::/7), carrier-grade
 * NAT (100.64/10), unspecified, multicast and reserved addresses are refused, so a URL someone typed cannot turn the
 * service against its own network.
 *
 * <p>{@link #check} is run when the URL is saved and again before each call; the caller then connects to exactly the
 * addresses it vetted ({@link Target#addresses()}, e.g. through {@link VettedDns}), so a name that resolves to a
 * public address at the check and a private one a moment later (DNS rebinding) gains nothing.
 */
public final class OutboundAddressPolicy {
    /** Resolves a host name to its addresses; tests inject one that answers what they need. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        static Resolver system() {
            return host -> List.of(InetAddress.getAllByName(host));
        }
    }

    /** A URL that passed, with the addresses the connection must use. */
    public record Target(URI uri, String host, List<InetAddress> addresses) {
        public Target {
            addresses = List.copyOf(addresses);
        }
    }

    /** A URL that is refused; the message names the reason and is safe to show to the person who typed the URL. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final String HTTPS_ONLY = "the URL must use https (plain http is allowed only to a loopback "
            + "address with WEBHOOKS_ALLOW_LOOPBACK=true)";
    private static final InetAddress METADATA = literal("169.254.169.254");

    private final boolean allowLoopback;
    private final Resolver resolver;

    public OutboundAddressPolicy(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    /** Checks the URL's form and resolves its host; every address must be allowed. */
    public Target check(String url) throws Refused {
        URI uri = parse(url);
        String host = host(uri);
        // A name over plain http cannot pass without the flag: say so without a lookup. (An IP literal is judged
        // below, so "127.0.0.1" hears that loopback needs the flag.)
        if ("http".equalsIgnoreCase(uri.getScheme()) && !allowLoopback && !isLiteral(host)) {
            throw new Refused(HTTPS_ONLY);
        }
        List<InetAddress> addresses = resolve(host);
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                String named = isLiteral(host) ? address.getHostAddress()
                        : host + " resolves to " + address.getHostAddress() + ", which";
                throw new Refused(named + " " + refusal.get());
            }
            allLoopback &= address.isLoopbackAddress();
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && !allLoopback) {
            throw new Refused(HTTPS_ONLY);
        }
        return new Target(uri, host, addresses);
    }

    /** Why the address may not be called (as "is a private address"), or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty()
                    : Optional.of("is a loopback address (allowed only with WEBHOOKS_ALLOW_LOOPBACK=true)");
        }
        if (address.equals(METADATA)) {
            return Optional.of("is the cloud metadata address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("is the unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("is a link-local address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("is a multicast address");
        }
        if (address instanceof Inet4Address) {
            return refusal4(address.getAddress());
        }
        if (address instanceof Inet6Address v6) {
            return refusal6(v6);
        }
        return Optional.of("is not an internet address");
    }

    private static Optional<String> refusal4(byte[] a) {
        int b0 = a[0] & 0xff, b1 = a[1] & 0xff;
        if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)) {
            return Optional.of("is a private address");
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return Optional.of("is a carrier-grade NAT (shared) address");
        }
        if (b0 == 0 || b0 >= 240 || (b0 == 192 && b1 == 0 && (a[2] & 0xff) == 0) || (b0 == 198 && (b1 & 0xfe) == 18)) {
            return Optional.of("is a reserved address");
        }
        return Optional.empty();
    }

    private Optional<String> refusal6(Inet6Address address) {
        byte[] a = address.getAddress();
        if ((a[0] & 0xfe) == 0xfc) {
            return Optional.of("is a unique-local address");
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0xc0) {
            return Optional.of("is a site-local address");
        }
        // An IPv4 address carried in IPv6 (IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96): judged as that IPv4
        // address, so ::ffff-style tricks reach nothing the IPv4 rules refuse.
        boolean compatible = isZero(a, 0, 12);
        boolean nat64 = (a[0] & 0xff) == 0x00 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff
                && (a[3] & 0xff) == 0x9b && isZero(a, 4, 12);
        if (compatible || nat64) {
            try {
                InetAddress v4 = InetAddress.getByAddress(java.util.Arrays.copyOfRange(a, 12, 16));
                return refusal(v4).map(r -> "carries an IPv4 address that " + r);
            } catch (UnknownHostException e) {
                return Optional.of("is not an internet address");
            }
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static URI parse(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("the URL is missing");
        }
        if (url.length() > 2048) {
            throw new Refused("the URL is longer than 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("the URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("the URL must use https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("the URL must not carry a user name or password");
        }
        if (uri.getHost() == null) {
            throw new Refused("the URL has no host");
        }
        if (uri.getFragment() != null) {
            throw new Refused("the URL must not have a #fragment");
        }
        return uri;
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private List<InetAddress> resolve(String host) throws Refused {
        try {
            if (isLiteral(host)) {
                return List.of(InetAddress.getByName(host)); // a literal: parsed, not looked up
            }
            List<InetAddress> found = resolver.resolve(host);
            if (found == null || found.isEmpty()) {
                throw new Refused("the host " + host + " does not resolve");
            }
            return found;
        } catch (UnknownHostException e) {
            throw new Refused("the host " + host + " does not resolve");
        }
    }

    /** An IP literal (dotted IPv4 or IPv6 with colons), which is used as it is, never resolved. */
    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + host, e);
        }
    }
}
