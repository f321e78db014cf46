package donna.app.connection;

import java.net.URI;

/** Where a started service listens and the bearer secret the app calls it with. */
public record ServiceEndpoint(URI baseUri, String apiSecret) {
    /** Never print the secret: a record's default toString would. */
    @Override
    public String toString() {
        return "ServiceEndpoint[" + baseUri + "]";
    }
}
