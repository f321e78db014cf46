package donna.backend.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

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

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        if (!hostname.equalsIgnoreCase(target.host())) {
            throw new UnknownHostException(hostname + " was not vetted for this call");
        }
        return target.addresses();
    }
}
