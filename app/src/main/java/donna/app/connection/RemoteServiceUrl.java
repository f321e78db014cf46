package donna.app.connection;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The address of a shared DONNA service (DONNA_BACKEND_URL or Settings). The app sends the person's sign-in token
 * and their mail to it, so it must be https; plain http only to this machine (a service on loopback, as in
 * development), where nothing crosses a network.
 */
public final class RemoteServiceUrl {
    private RemoteServiceUrl() {}

    /** @throws IllegalArgumentException with a message for the person when the address may not be used */
    public static URI checked(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("The DONNA service address " + url + " is not a web address "
                    + "(https://...)");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The DONNA service address may not carry a user name or password");
        }
        if (scheme.equals("http") && !loopback(url.getHost())) {
            throw new IllegalArgumentException("The DONNA service address " + url + " is plain http to another "
                    + "machine: your sign-in and mail would cross the network unencrypted. Use https://"
                    + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + " instead.");
        }
        return url;
    }

    /** localhost or a loopback literal (127.0.0.0/8, ::1); names are not resolved: DNS could say anything. */
    static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
