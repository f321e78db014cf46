package donna.backend.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the address rules of webhooks and Slack alerts with any URL a person (or an attacker) can type, resolved
 * by a resolver that answers the bytes' own choice of address (any, private ones included). Whatever comes in, the
 * policy either refuses it with a reason or answers an https target every address of which is public: a URL never
 * reaches 10/8, 127/8, 169.254/16 and the like. Kept inputs: {@code TestOutboundAddressFuzzInputs}.
 */
class TestOutboundAddressFuzz {

    @FuzzTest(maxDuration = "20s")
    void anyUrlIsRefusedOrReachesOnlyPublicAddresses(byte[] input) throws Exception {
        if (input.length < 4) {
            return;
        }
        // The first four bytes are what any name resolves to; the rest is the URL.
        InetAddress resolved = InetAddress.getByAddress(new byte[] {input[0], input[1], input[2], input[3]});
        String url = new String(input, 4, input.length - 4, StandardCharsets.UTF_8);
        OutboundAddressPolicy policy = new OutboundAddressPolicy(false, host -> List.of(resolved));
        try {
            OutboundAddressPolicy.Target target = policy.check(url);
            assertThat(target.uri().getScheme()).isEqualToIgnoringCase("https");
            assertThat(target.addresses()).isNotEmpty().allSatisfy(a -> {
                assertThat(a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                        || a.isAnyLocalAddress() || a.isMulticastAddress()).as("%s for %s", a, url).isFalse();
                assertThat(policy.refusal(a)).as("%s for %s", a, url).isEmpty();
            });
        } catch (OutboundAddressPolicy.Refused refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
