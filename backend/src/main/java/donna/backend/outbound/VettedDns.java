package donna.backend.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * OkHttp's name lookup for one call to a {@link OutboundAddressPolicy.Target}: it answers the addresses the policy
 * vetted and nothing else, so the connection goes to the checked address (no second lookup that a rebinding DNS
 * server could answer differently). TLS still verifies the certificate against the host name.
 */
public final class VettedDns implements Dns {
    private final OutboundAddressPolicy.Target target;

    public VettedDns(OutboundAddressPolicy.Target target) {
        this.target = target;
    }

    /**
     * The target's URL as OkHttp parses it, refused unless OkHttp sees the host the policy checked: two URL parsers
     * that disagree about a host (a classic way around address checks) cannot send the call elsewhere. A name is
     * then looked up only through this class; an IP literal, which OkHttp connects to without a lookup, must be one
     * of the vetted addresses.
     */
    public static HttpUrl url(OutboundAddressPolicy.Target target) throws OutboundAddressPolicy.Refused {
        HttpUrl url = HttpUrl.parse(target.uri().toString());
        if (url == null) {
            throw new OutboundAddressPolicy.Refused("the URL is not valid");
        }
        String host = url.host();
        boolean literal = host.contains(":") || host.matches("[0-9.]+");
        if (literal) {
            try {
                if (!target.addresses().contains(InetAddress.getByName(host))) {
                    throw new OutboundAddressPolicy.Refused("the URL's host is read two ways");
                }
            } catch (UnknownHostException e) {
                throw new OutboundAddressPolicy.Refused("the URL's host is read two ways");
            }
        } else if (!host.equalsIgnoreCase(target.host())) {
            throw new OutboundAddressPolicy.Refused("the URL's host is read two ways");
        }
        return url;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        if (!hostname.equalsIgnoreCase(target.host())) {
            throw new UnknownHostException(hostname + " was not vetted for this call");
        }
        return target.addresses();
    }
}
